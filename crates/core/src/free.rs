//! Letting go of large values (a replaced corpus's texts, 100k timeline rows) off the
//! calling thread: on one thread of its own, not on the parallel pool. The window's
//! thread waits on the pool's workers for its own parallel work (a sort, an index), so
//! freeing there would hold the window up behind it.

use std::sync::OnceLock;
use std::sync::mpsc::Sender;

type Garbage = Box<dyn Send>;

static FREER: OnceLock<Option<Sender<Garbage>>> = OnceLock::new();

/// Drop `value` on the freeing thread (here, should that thread not start).
pub fn later<T: Send + 'static>(value: T) {
    let freer = FREER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Garbage>();
        let thread = std::thread::Builder::new().name("free".into());
        thread.spawn(move || rx.into_iter().for_each(drop)).ok()?;
        Some(tx)
    });
    let garbage: Garbage = Box::new(value);
    if let Some(Err(returned)) = freer.as_ref().map(|tx| tx.send(garbage)) {
        drop(returned.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// What is handed over is dropped, and not on the caller's thread.
    #[test]
    fn values_are_dropped_on_another_thread() {
        struct Noted(std::sync::mpsc::Sender<std::thread::ThreadId>);
        impl Drop for Noted {
            fn drop(&mut self) {
                let _ = self.0.send(std::thread::current().id());
            }
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let shared = Arc::new(());
        later((Noted(tx), Arc::clone(&shared)));
        let by = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("dropped");
        assert_ne!(by, std::thread::current().id());
        for _ in 0..1000 {
            if Arc::strong_count(&shared) == 1 {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        panic!("the value was not let go of");
    }
}
