//! Running one function over many inputs on a few threads, with the results handed
//! back one by one in input order. Workers take small batches from a shared counter
//! (a slow file delays only its batch, not a fixed half of the folder), and results
//! reach the caller as soon as everything before them is done, so nothing per input
//! has to be kept beyond what the caller keeps.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Inputs a worker takes at a time: large enough that the channel costs nothing,
/// small enough to balance the threads (a generated agreement takes ~0.3 ms).
const BATCH: usize = 16;

/// Calls `f` on every item on up to `jobs` threads and `sink(index, result)` on the
/// calling thread, in input order. A panic in a worker is re-raised here with its
/// payload, never turned into missing results.
pub(crate) fn for_each_ordered<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(usize, R),
) {
    let batches = items.len().div_ceil(BATCH);
    let workers = jobs.min(batches);
    if workers <= 1 {
        for (i, item) in items.iter().enumerate() {
            sink(i, f(item));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, Vec<R>)>(workers * 4);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let tx = tx.clone();
                let (next, f) = (&next, &f);
                scope.spawn(move || loop {
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    if b >= batches {
                        break;
                    }
                    let part = &items[b * BATCH..((b + 1) * BATCH).min(items.len())];
                    // The receiver is gone only when the caller is unwinding.
                    if tx.send((b, part.iter().map(f).collect())).is_err() {
                        break;
                    }
                })
            })
            .collect();
        drop(tx);
        let mut waiting: BTreeMap<usize, Vec<R>> = BTreeMap::new();
        let mut wanted = 0;
        for (b, results) in rx {
            waiting.insert(b, results);
            while let Some(results) = waiting.remove(&wanted) {
                for (j, r) in results.into_iter().enumerate() {
                    sink(wanted * BATCH + j, r);
                }
                wanted += 1;
            }
        }
        for h in handles {
            if let Err(payload) = h.join() {
                std::panic::resume_unwind(payload);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_arrive_in_input_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        for jobs in [1, 2, 3, 8] {
            let mut got = Vec::new();
            // Uneven work so that batches finish out of order.
            for_each_ordered(
                &items,
                jobs,
                |x| {
                    if x % 97 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    x * x
                },
                |i, r| got.push((i, r)),
            );
            let want: Vec<(usize, u64)> = items.iter().map(|&x| (x as usize, x * x)).collect();
            assert_eq!(got, want, "jobs = {jobs}");
        }
    }

    #[test]
    fn no_items_no_calls() {
        let mut calls = 0;
        for_each_ordered(&[] as &[u8], 4, |_| (), |_, _| calls += 1);
        assert_eq!(calls, 0);
    }

    #[test]
    #[should_panic(expected = "bad input 7")]
    fn a_worker_panic_is_re_raised_with_its_message() {
        let items: Vec<u32> = (0..200).collect();
        for_each_ordered(
            &items,
            2,
            |&x| {
                if x == 7 {
                    panic!("bad input {x}");
                }
                x
            },
            |_, _| {},
        );
    }

    #[test]
    fn small_example_in_order() {
        let mut seen = Vec::new();
        for_each_ordered(&[1, 2, 3, 4, 5], 2, |x| x * 10, |i, r| seen.push((i, r)));
        assert_eq!(seen, [(0, 10), (1, 20), (2, 30), (3, 40), (4, 50)]);
    }
}
