use dossier::workspace::Workspace;
use std::time::Instant;
fn main() {
    let folder = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    dossier::memory::limit_arenas();
    unsafe { std::env::set_var("DOSSIER_CACHE_DIR", "/tmp/zzcache") };
    drop(Workspace::open(&folder).unwrap());
    for _ in 0..4 {
        let t = Instant::now();
        let ws = Workspace::open(&folder).unwrap();
        let o = t.elapsed();
        let t = Instant::now();
        drop(ws);
        println!("open {o:.2?} drop {:.2?}", t.elapsed());
    }
}
