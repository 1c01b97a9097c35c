pragma circom 2.0.0;

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/comparators.circom";
include "circomlib/circuits/bitify.circom";

// Proves that attribute `index` of a committed credential is at least `threshold`,
// revealing only commitment = Poseidon(attributes[0..n-1], salt) and the threshold.
template ScoreAtLeast(n, index) {
    signal input attributes[n];
    signal input salt;
    signal input commitment;
    signal input threshold;

    component hash = Poseidon(n + 1);
    for (var i = 0; i < n; i++) {
        hash.inputs[i] <== attributes[i];
    }
    hash.inputs[n] <== salt;
    commitment === hash.out;

    // The comparator is only sound for 64-bit operands, so range-check both.
    component scoreBits = Num2Bits(64);
    scoreBits.in <== attributes[index];
    component thresholdBits = Num2Bits(64);
    thresholdBits.in <== threshold;

    component atLeast = GreaterEqThan(64);
    atLeast.in[0] <== attributes[index];
    atLeast.in[1] <== threshold;
    atLeast.out === 1;
}

component main {public [commitment, threshold]} = ScoreAtLeast(4, 0);
