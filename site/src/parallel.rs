//! Work shared by every core: the site's pages, pictures, height style
//! sheets and compressed copies are each independent of the others.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::{anyhow, Result};

/// `work` applied to every item of `items`, the results in the items'
/// order. One thread per core takes the next item until none is left, so a
/// slow item keeps one core busy while the others go on. After an error no
/// new item is begun, and the first error (in the items' order) is
/// returned.
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> Result<R> + Sync) -> Result<Vec<R>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let done: Vec<Vec<(usize, Result<R>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while !failed.load(Ordering::Relaxed) {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(at) else {
                            break;
                        };
                        let result = work(item);
                        if result.is_err() {
                            failed.store(true, Ordering::Relaxed);
                        }
                        done.push((at, result));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .map_err(|_| anyhow!("a worker thread panicked"))
            })
            .collect::<Result<_>>()
    })?;
    let mut results: Vec<(usize, Result<R>)> = done.into_iter().flatten().collect();
    results.sort_by_key(|(at, _)| *at);
    results.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_and_returns_the_first_error() -> Result<()> {
        let numbers: Vec<u32> = (0..100).collect();
        assert_eq!(
            map(&numbers, |n| Ok(n * 2))?,
            (0..100).map(|n| n * 2).collect::<Vec<_>>()
        );
        let failed = map(&numbers, |&n| {
            if n % 30 == 29 {
                anyhow::bail!("item {n}")
            }
            Ok(n)
        });
        assert_eq!(
            failed.err().map(|e| e.to_string()).as_deref(),
            Some("item 29")
        );
        assert!(map(&Vec::<u32>::new(), |n| Ok(*n))?.is_empty());
        Ok(())
    }
}
