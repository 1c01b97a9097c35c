pragma circom 2.0.0;

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/comparators.circom";
include "circomlib/circuits/bitify.circom";

// Dates are YYYYMMDD integers, so "at least minAge years old on today" is exactly
// birthDate + minAge * 10000 <= today. Reveals only the commitment, today and minAge.
template AgeAtLeast() {
    signal input birthDate;
    signal input salt;
    signal input commitment;
    signal input today;
    signal input minAge;

    component hash = Poseidon(2);
    hash.inputs[0] <== birthDate;
    hash.inputs[1] <== salt;
    commitment === hash.out;

    component birthBits = Num2Bits(32);
    birthBits.in <== birthDate;
    component todayBits = Num2Bits(32);
    todayBits.in <== today;
    component ageBits = Num2Bits(16);
    ageBits.in <== minAge;

    component notTooYoung = LessEqThan(34);
    notTooYoung.in[0] <== birthDate + minAge * 10000;
    notTooYoung.in[1] <== today;
    notTooYoung.out === 1;
}

component main {public [commitment, today, minAge]} = AgeAtLeast();
