//! Golden CLI tests: each `tests/cmd/*.toml` runs accord with its arguments from the
//! repository root, and its `.stdout` / `.stderr` files are what a user sees. Each
//! `tests/cmd/*.trycmd` is a session of commands run in a copy of its `.in/` folder;
//! its `.out/` folder holds the files as they must be afterwards.
//! Regenerate after an intended change with `TRYCMD=overwrite cargo test --test cli`.

#[test]
fn cli() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}

#[test]
fn sessions() {
    trycmd::TestCases::new()
        .env("ACCORD_DIR", "agreements")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .case("tests/cmd/*.trycmd");
}

/// The README's examples are run as they are written, from the repository root, on a
/// terminal 100 columns wide: a `console` block is a command and what it prints.
#[test]
fn readme() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .env("ACCORD_DIR", "agreements")
        .env("COLUMNS", "100")
        .case("README.md");
}
