fn main() {
    let limit = 900; // seconds
    println!("{limit}");
}
