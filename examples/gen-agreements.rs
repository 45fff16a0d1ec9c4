//! Generates a deterministic folder of realistic agreement files for benchmarks:
//!
//!     cargo run --release --example gen-agreements -- N DIR [SEED] [--broken K]
//!
//! Each file has 2–6 parties, 10–25 articles of 100–300 words, 2–8 obligations with
//! intervals from a month to five years (a third anchored on the 28th–31st), tacit
//! renewals, notice periods in days and months, 0–30 events and some amendments. Every
//! file passes `accord check`, except the K files `--broken K` spoils on purpose (one
//! error each, of rotating kinds). The same N and SEED always give the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in lo..=hi.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }
    fn chance(&mut self, percent: u32) -> bool {
        self.range(1, 100) <= percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u32 - 1) as usize]
    }
}

const WORDS: &[&str] = &[
    "the",
    "parties",
    "shall",
    "cooperate",
    "in",
    "accordance",
    "with",
    "their",
    "respective",
    "mandates",
    "and",
    "rules",
    "of",
    "procedure",
    "organization",
    "migration",
    "programme",
    "activities",
    "information",
    "exchange",
    "consult",
    "each",
    "other",
    "on",
    "matters",
    "common",
    "interest",
    "joint",
    "implementation",
    "resources",
    "subject",
    "to",
    "availability",
    "funds",
    "secretariat",
    "administration",
    "regional",
    "national",
    "authorities",
    "capacity",
    "building",
    "training",
    "assistance",
    "protection",
    "persons",
    "concerned",
    "field",
    "headquarters",
    "representatives",
    "meetings",
    "conferences",
    "observers",
    "documents",
    "publications",
    "reports",
    "review",
    "present",
    "memorandum",
    "agreement",
    "arrangements",
    "supplementary",
    "special",
    "modalities",
    "participation",
    "expenses",
    "payable",
    "by",
    "either",
    "party",
    "may",
    "request",
    "such",
    "as",
    "appropriate",
    "within",
    "framework",
    "of",
    "this",
    "understanding",
    "including",
    "without",
    "prejudice",
    "rights",
    "obligations",
    "under",
    "international",
    "law",
    "competent",
    "bodies",
    "decisions",
    "taken",
    "member",
    "states",
    "development",
    "policy",
    "dialogue",
];

const ORGS: &[(&str, &str)] = &[
    ("iom", "International Organization for Migration"),
    ("unhcr", "United Nations High Commissioner for Refugees"),
    ("who", "World Health Organization"),
    ("ilo", "International Labour Organization"),
    ("unicef", "United Nations Children's Fund"),
    ("wfp", "World Food Programme"),
    ("undp", "United Nations Development Programme"),
    ("eco", "Economic Cooperation Organization"),
    ("au", "African Union"),
    ("oas", "Organization of American States"),
    ("osce", "Organization for Security and Co-operation in Europe"),
    ("asean", "Association of Southeast Asian Nations"),
];

const INTERVALS: &[&str] = &[
    "1 month",
    "3 months",
    "6 months",
    "1 year",
    "18 months",
    "2 years",
    "3 years",
    "5 years",
];
const NOTICES: &[&str] = &[
    "30 days",
    "60 days",
    "90 days",
    "3 months",
    "six months",
    "12 months",
    "P6M",
    "P90D",
];

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 31,
    }
}

fn date(rng: &mut Rng, from_year: u32, to_year: u32) -> (u32, u32, u32) {
    let y = rng.range(from_year, to_year);
    let m = rng.range(1, 12);
    let d = rng.range(1, days_in_month(y, m));
    (y, m, d)
}

/// A date on the 28th–31st of a month that has that day.
fn month_end_date(rng: &mut Rng, from_year: u32, to_year: u32) -> (u32, u32, u32) {
    loop {
        let y = rng.range(from_year, to_year);
        let m = rng.range(1, 12);
        let d = rng.range(28, 31);
        if d <= days_in_month(y, m) {
            return (y, m, d);
        }
    }
}

fn fmt_date((y, m, d): (u32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn sentence(rng: &mut Rng, words: u32) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick::<&str>(WORDS));
        if i % 17 == 16 {
            s.push('.');
        }
    }
    s.push('.');
    s
}

fn agreement(i: usize, rng: &mut Rng, broken: Option<usize>) -> String {
    let mut s = String::new();
    let id = format!("gen-{i:06}");
    let n_parties = rng.range(2, 6) as usize;
    let mut parties: Vec<(&str, &str)> = Vec::new();
    while parties.len() < n_parties {
        let p = *rng.pick(ORGS);
        if !parties.iter().any(|q| q.0 == p.0) {
            parties.push(p);
        }
    }
    let signed = date(rng, 1990, 2025);
    let _ = writeln!(s, "# Generated agreement {i} (accord benchmark data).");
    let _ = writeln!(s, "id: {id}");
    let _ = writeln!(s, "title: Agreement {i} between {} and {}", parties[0].1, parties[1].1);
    let _ = writeln!(s, "kind: memorandum-of-understanding");
    let _ = writeln!(s, "parties:");
    for (pid, name) in &parties {
        let _ = writeln!(s, "  {pid}:\n    name: {name}\n    organs: [Council]");
    }
    let _ = writeln!(s, "signed: {{date: {}, place: Geneva}}", fmt_date(signed));
    if rng.chance(10) {
        let _ = writeln!(
            s,
            "entry_into_force:\n  upon: conditions\n  then: last_approval\n  article: Art. 2\n  requires:"
        );
        for (pid, _) in parties.iter().take(2) {
            let _ = writeln!(s, "    - {{party: {pid}, organ: Council}}");
        }
    } else {
        let _ = writeln!(s, "entry_into_force: {{upon: signature, article: Art. 2}}");
    }
    let renewing = rng.chance(30);
    if renewing {
        let _ = writeln!(
            s,
            "term:\n  length: {} years\n  renewal: {{tacit: true, length: {} year, notice: {}}}\n  article: Art. 3",
            rng.range(1, 5),
            rng.range(1, 2),
            rng.pick(&["30 days", "60 days", "3 months", "6 months"])
        );
    } else {
        let _ = writeln!(
            s,
            "termination:\n  notice: {}\n  by: any_party\n  form: written\n  article: Art. 3",
            rng.pick(NOTICES)
        );
    }
    let _ = writeln!(
        s,
        "amendment: {{requires: all_parties, in_force: on_last_acceptance, article: Art. 4}}"
    );

    let n_obligations = rng.range(2, 8);
    let _ = writeln!(s, "obligations:");
    let mut obligations = Vec::new();
    for k in 0..n_obligations {
        let oid = format!("duty-{k}");
        let who = parties[rng.range(0, parties.len() as u32 - 1) as usize].0;
        let _ = writeln!(
            s,
            "  - id: {oid}\n    text: {}\n    parties: [{who}]\n    modality: shall\n    article: Art. {}",
            sentence(rng, 8),
            5 + k
        );
        let _ = writeln!(s, "    every: {}", rng.pick(INTERVALS));
        if k % 3 == 0 {
            let _ = writeln!(s, "    from: {}", fmt_date(month_end_date(rng, signed.0 + 1, 2026)));
        }
        if rng.chance(25) {
            let _ = writeln!(s, "    assumed: true");
        }
        obligations.push(oid);
    }

    let n_amendments = if rng.chance(20) { rng.range(1, 2) } else { 0 };
    if n_amendments > 0 {
        let _ = writeln!(s, "amendments:");
        for k in 0..n_amendments {
            let by = parties[0].0;
            let proposed = (signed.0 + 1 + k, 3, 1);
            let _ = writeln!(
                s,
                "  - id: change-{k}\n    article: \"{}\"\n    proposed: {{by: {by}, date: {}}}\n    summary: {}",
                5 + k,
                fmt_date(proposed),
                sentence(rng, 10)
            );
            if rng.chance(50) {
                let _ = writeln!(
                    s,
                    "    accepted: {{{}: {}}}",
                    parties[1].0,
                    fmt_date((proposed.0, 6, 1))
                );
            }
        }
    }

    let n_events = rng.range(0, 30);
    if n_events > 0 {
        let _ = writeln!(s, "events:");
        let mut when = (signed.0 + 1, 1, 10);
        for _ in 0..n_events {
            when.1 += rng.range(1, 4);
            if when.1 > 12 {
                when = (when.0 + 1, when.1 - 12, when.2);
            }
            if when.0 > 2026 {
                break;
            }
            let o = rng.pick(&obligations);
            let _ = writeln!(s, "  - {{date: {}, type: performed, obligation: {o}}}", fmt_date(when));
        }
    }

    let _ = writeln!(s, "articles:");
    for k in 1..=rng.range(10, 25) {
        let words = rng.range(100, 300);
        let _ = writeln!(
            s,
            "  - number: \"{k}\"\n    title: {}\n    text: |\n      {}",
            sentence(rng, 4).trim_end_matches('.'),
            sentence(rng, words)
        );
    }

    if let Some(kind) = broken {
        s = match kind % 3 {
            0 => s.replacen(
                &format!("signed: {{date: {}", fmt_date(signed)),
                "signed: {date: 2023-02-30",
                1,
            ),
            1 => s.replacen("kind: memorandum", "knd: memorandum", 1),
            _ => s.replacen("    parties: [", "    parties: [nobody, ", 1),
        };
    }
    s
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen-agreements N DIR [SEED] [--broken K]";
    let mut positional = Vec::new();
    let mut broken = 0usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--broken" {
            broken = it.next().and_then(|k| k.parse().ok()).expect(usage);
        } else {
            positional.push(a.clone());
        }
    }
    let n: usize = positional.first().and_then(|n| n.parse().ok()).expect(usage);
    let dir = PathBuf::from(positional.get(1).expect(usage));
    let seed: u64 = positional.get(2).map_or(42, |s| s.parse().expect(usage));
    let written_broken = write_folder(n, &dir, seed, broken).expect("cannot write the folder");
    eprintln!("wrote {n} agreements ({written_broken} broken) to {}", dir.display());
}

/// Writes `n` agreements into `dir` (created if needed), `broken` of them spoilt on
/// purpose; returns how many were spoilt. Tests include this file to make their folders.
pub fn write_folder(n: usize, dir: &Path, seed: u64, broken: usize) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    // Spread broken files evenly through the folder.
    let every = n.checked_div(broken).map_or(usize::MAX, |e| e.max(1));
    let mut written_broken = 0;
    for i in 0..n {
        let mut rng = Rng(seed ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let spoil = (broken > 0 && i % every == 0 && written_broken < broken).then(|| {
            written_broken += 1;
            written_broken
        });
        let text = agreement(i, &mut rng, spoil);
        std::fs::write(dir.join(format!("gen-{i:06}.yaml")), text)?;
    }
    Ok(written_broken)
}
