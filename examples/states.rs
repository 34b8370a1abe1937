use rapport::analysis::analyze;
use rapport::engine::World;
use rapport::rulebook::Rulebook;
use rapport::scenario::{Difficulty, Scenario};
fn main() {
    let book = Rulebook::shipped();
    for beats in [100usize, 1000, 3000] {
        let (s, _) =
            Scenario::from_file(rapport::generate::layered(beats, 8, 42, false), &book).unwrap();
        let t = std::time::Instant::now();
        let a = analyze(&World::new(&s, &book, Difficulty::Normal, 1));
        println!("rich {beats} beats: {} states, {:?}", a.states, t.elapsed());
    }
    for beats in [1000usize, 10_000, 100_000] {
        let (s, _) = Scenario::from_file(rapport::generate::lean(beats, 8, 42), &book).unwrap();
        let t = std::time::Instant::now();
        let a = analyze(&World::new(&s, &book, Difficulty::Normal, 1));
        println!("{beats} beats: {} states, {:?}", a.states, t.elapsed());
    }
}
