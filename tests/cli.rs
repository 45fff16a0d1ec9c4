//! Golden CLI tests: each `tests/cmd/*.toml` runs accord with its arguments from the
//! repository root, and its `.stdout` / `.stderr` files are what a user sees.
//! Regenerate after an intended change with `TRYCMD=overwrite cargo test --test cli`.

#[test]
fn cli() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
