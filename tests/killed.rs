//! `accord record` killed (SIGKILL) at random points, a hundred times: the file is always
//! the old version or the new one, whole and parseable; nothing a killed writer leaves
//! blocks the next one; and the temporary files it leaves are gone after the next write.
//! The delays are random; the seed is printed, and `ACCORD_KILL_SEED=N` replays a run.

#![cfg(unix)]

use accord::file::parse::{agreement, Texts};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const HEAD: &str = "id: killed\ntitle: Killed writers\nparties:\n  alpha: {name: Alpha}\n  beta: {name: Beta}\nsigned: {date: 2020-01-15}\nentry_into_force: {upon: signature, article: Art. 9}\nobligations:\n  - {id: review, text: Review, parties: [alpha], article: Art. 1, every: 1 year}\nevents:\n  - date: 2026-06-01\n    type: performed\n    obligation: review\n";

/// A small linear congruential generator: enough to spread the kills.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

fn record(dir: &Path, date: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_accord"));
    c.current_dir(dir)
        .env_remove("ACCORD_DIR")
        .args([
            "--as-of",
            "2026-11-22",
            "record",
            "killed",
            "performed",
            "review",
            "--date",
            date,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn events(path: &Path, text: &str) -> usize {
    let (a, diagnostics) = agreement(path, text, Texts::Keep);
    let a = a.unwrap_or_else(|| panic!("the file does not parse: {diagnostics:?}\n{text}"));
    a.events.len()
}

fn strays(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "killed.yaml")
        .collect()
}

#[test]
fn a_killed_record_leaves_the_old_or_the_new_file_and_nothing_that_blocks() {
    let dir = std::env::temp_dir().join(format!("accord-killed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let folder = dir.join("agreements");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("killed.yaml");
    std::fs::write(&path, HEAD).unwrap();

    // How long one record takes here: the kills are spread over that time.
    let start = Instant::now();
    assert!(record(&dir, "2026-05-31").status().unwrap().success());
    let span = (start.elapsed().as_micros() as u64).max(1_000) * 6 / 5;

    let seed = std::env::var("ACCORD_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("ACCORD_KILL_SEED={seed}");
    let mut rng = Lcg(seed);
    let (mut kept, mut replaced, mut left_strays) = (0, 0, 0);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 5, 30).unwrap();
    for i in 0..100u64 {
        let old = std::fs::read_to_string(&path).unwrap();
        let before = events(&path, &old);
        // Each record is dated before all the others: inserted at the top of the list.
        let date = (day - chrono::Days::new(i)).to_string();
        let mut child = record(&dir, &date).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read_to_string(&path).unwrap();
        if now == old {
            kept += 1;
        } else {
            replaced += 1;
            assert_eq!(events(&path, &now), before + 1, "{now}");
            assert!(now.contains(&format!("date: {date}")), "{now}");
            assert_eq!(
                now.len() - old.len(),
                "  - date: 2026-01-01\n    type: performed\n    obligation: review\n".len()
            );
        }
        if !strays(&folder).is_empty() {
            left_strays += 1;
        }
    }
    eprintln!("killed 100 times: {kept} left the old version, {replaced} the new; a temporary file was there after {left_strays}");

    // Nothing left blocks the next writer, and it clears what was left.
    let start = Instant::now();
    assert!(record(&dir, "2026-11-01").status().unwrap().success());
    assert!(start.elapsed() < Duration::from_secs(5), "the next writer waited");
    assert_eq!(strays(&folder), Vec::<String>::new());
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(events(&path, &text), 3 + replaced);
    let check = Command::new(env!("CARGO_BIN_EXE_accord"))
        .current_dir(&dir)
        .env_remove("ACCORD_DIR")
        .args(["check", "--strict"])
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    std::fs::remove_dir_all(dir).unwrap();
}
