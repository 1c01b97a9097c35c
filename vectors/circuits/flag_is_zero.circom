pragma circom 2.0.0;

include "circomlib/circuits/poseidon.circom";

// Proves that a committed flag (e.g. "tax arrears") is zero, revealing only the commitment.
template FlagIsZero() {
    signal input flag;
    signal input salt;
    signal input commitment;

    component hash = Poseidon(2);
    hash.inputs[0] <== flag;
    hash.inputs[1] <== salt;
    commitment === hash.out;

    flag === 0;
}

component main {public [commitment]} = FlagIsZero();
