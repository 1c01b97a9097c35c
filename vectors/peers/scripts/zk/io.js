// Shared I/O for the zk oracle scripts. process.exit() (needed because snarkjs leaves worker threads running)
// would cut off a large write to a pipe, so output is flushed first.
function emit(value) {
  return new Promise((resolve, reject) => process.stdout.write(JSON.stringify(value), (e) => (e ? reject(e) : resolve())));
}

function run(main) {
  main().then(() => process.exit(0)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = { emit, run };
