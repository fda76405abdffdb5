fn main() -> std::process::ExitCode {
    studyguide::cli::main()
}
