//! A fixed-seed pseudo-random sequence for tests (xorshift64): the same inputs on every run,
//! natively and in wasm, without a crate for it.

pub struct XorShift(u64);

impl XorShift {
    /// `seed` must not be 0 (xorshift stays at 0).
    pub fn new(seed: u64) -> Self {
        debug_assert_ne!(seed, 0);
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}
