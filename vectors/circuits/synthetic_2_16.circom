pragma circom 2.0.0;

// A benchmark-only circuit of about 2^16 constraints (60,000, so that with its public signals it fits a 2^16
// powers-of-tau): a chain of squarings with a public start and result.
template SquareChain(n) {
    signal input start;
    signal output result;
    signal chain[n + 1];
    chain[0] <== start;
    for (var i = 0; i < n; i++) {
        chain[i + 1] <== chain[i] * chain[i] + i;
    }
    result <== chain[n];
}

component main {public [start]} = SquareChain(60000);
