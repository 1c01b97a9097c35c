// The field tower and pairing code keep large struct temporaries (an F_p¹² value is 384 bytes) whose stack slots the
// runtime would otherwise zero on every call; all of them are written before they are read, and so is every
// stackalloc buffer in this project.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
