pragma circom 2.0.0;

// A benchmark-only circuit of about 2^16 constraints: a chain of squarings with a public start and result.
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

component main {public [start]} = SquareChain(65000);
