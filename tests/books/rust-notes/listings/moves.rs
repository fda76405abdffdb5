// ANCHOR: all
fn take(text: String) -> usize {
    text.len()
}

// ANCHOR: main
fn main() {
    let greeting = String::from("hello");
    let length = take(greeting);
    // `greeting` was moved into `take`: using it here would not compile.
    println!("{length}");
}
// ANCHOR_END: main
// ANCHOR_END: all
