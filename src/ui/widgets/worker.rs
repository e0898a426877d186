//! One job on a worker thread whose result the window picks up: started with the context
//! to wake when it ends (also when it panics), polled once a frame, or waited for by
//! tests and tools. Opening a folder, writing an export and a system file dialog use it.

use std::sync::mpsc;

/// A job running on its own thread.
pub struct Worker<T> {
    rx: mpsc::Receiver<T>,
}

/// What a worker has to say this frame.
#[derive(Debug, PartialEq, Eq)]
pub enum Poll<T> {
    /// Still running.
    Running,
    Done(T),
    /// The thread ended without an answer (it panicked).
    Lost,
}

/// Asks the window to draw again when dropped: at the end of the job, however it ends.
struct Wake(Option<egui::Context>);

impl Drop for Wake {
    fn drop(&mut self) {
        if let Some(ctx) = &self.0 {
            ctx.request_repaint();
        }
    }
}

impl<T: Send + 'static> Worker<T> {
    /// Run `job` on a new thread; `wake` is drawn again when it ends.
    pub fn spawn(wake: Option<egui::Context>, job: impl FnOnce() -> T + Send + 'static) -> Self {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _wake = Wake(wake);
            let _ = tx.send(job());
        });
        Worker { rx }
    }

    /// Non-blocking: the result once it is there.
    pub fn poll(&self) -> Poll<T> {
        match self.rx.try_recv() {
            Ok(value) => Poll::Done(value),
            Err(mpsc::TryRecvError::Empty) => Poll::Running,
            Err(mpsc::TryRecvError::Disconnected) => Poll::Lost,
        }
    }

    /// Block until the job ends: its result, `None` if it panicked.
    pub fn wait(self) -> Option<T> {
        self.rx.recv().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_arrives_once_and_a_panic_is_lost_not_hung() {
        let w = Worker::spawn(None, || 6 * 7);
        assert_eq!(w.wait(), Some(42));
        let w = Worker::spawn(None, || -> u8 { panic!("the job failed") });
        let mut polled = Poll::Running;
        for _ in 0..500 {
            polled = w.poll();
            if polled != Poll::Running {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert_eq!(polled, Poll::Lost);
    }
}
