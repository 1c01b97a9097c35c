pragma circom 2.0.0;

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/comparators.circom";
include "circomlib/circuits/bitify.circom";

// Proves that a committed value is at most `maximum`, revealing only the commitment and the bound.
template ValueAtMost() {
    signal input value;
    signal input salt;
    signal input commitment;
    signal input maximum;

    component hash = Poseidon(2);
    hash.inputs[0] <== value;
    hash.inputs[1] <== salt;
    commitment === hash.out;

    component valueBits = Num2Bits(64);
    valueBits.in <== value;
    component maximumBits = Num2Bits(64);
    maximumBits.in <== maximum;

    component atMost = LessEqThan(64);
    atMost.in[0] <== value;
    atMost.in[1] <== maximum;
    atMost.out === 1;
}

component main {public [commitment, maximum]} = ValueAtMost();
