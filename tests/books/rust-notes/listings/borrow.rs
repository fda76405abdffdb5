fn length(text: &String) -> usize {
    text.len()
}

fn main() {
    let greeting = String::from("hello");
    let n = length(&greeting);
    println!("{greeting} has {n} bytes");
}
