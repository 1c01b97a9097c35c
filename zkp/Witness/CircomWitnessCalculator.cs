using System.Text;
using GovChain.Zkp.Bn254.Fields;
using Wasmtime;

namespace GovChain.Zkp.Witness;

/// <summary>
/// Runs the witness generator that circom 2 compiles to WebAssembly (`--wasm`) under Wasmtime. The module talks
/// through a shared read/write buffer of 32-bit words: inputs are written there and committed per signal (addressed
/// by the FNV-1a hash of the signal name), and witness values are read back the same way.
/// </summary>
public sealed class CircomWitnessCalculator : IDisposable
{
    private readonly Engine engine;
    private readonly Module module;
    private readonly ulong fuel;

    private CircomWitnessCalculator(Engine engine, Module module, ulong fuel)
    {
        this.engine = engine;
        this.module = module;
        this.fuel = fuel;
    }

    /// <summary>
    /// A bound on executed WebAssembly instructions per witness, far above what circuits of 2^20 constraints
    /// need, so a malformed or hostile module fails with an error instead of hanging.
    /// </summary>
    private const ulong FuelPerWitness = 50_000_000_000;

    public static CircomWitnessCalculator FromWasm(byte[] wasm) => FromWasm(wasm, FuelPerWitness);

    internal static CircomWitnessCalculator FromWasm(byte[] wasm, ulong fuel)
    {
        using var config = new Config().WithFuelConsumption(true);
        var engine = new Engine(config);
        try
        {
            return new CircomWitnessCalculator(engine, Module.FromBytes(engine, "circuit", wasm), fuel);
        }
        catch (WasmtimeException e)
        {
            engine.Dispose();
            throw new ZkFormatException($"circuit .wasm: not a valid WebAssembly module ({FirstLine(e.Message)})", e);
        }
    }

    /// <summary>The full witness (w[0] = 1, then outputs, public inputs, private inputs, internals).</summary>
    public Fr[] Compute(string inputJson)
    {
        var inputs = CircuitInput.Parse(inputJson);
        using var store = new Store(engine) { Fuel = fuel };
        using var linker = new Linker(engine);
        var session = new Session();
        linker.Define("runtime", "exceptionHandler", Function.FromCallback(store, (int code) => session.Fail(code)));
        linker.Define("runtime", "printErrorMessage", Function.FromCallback(store, () => session.AppendError()));
        linker.Define("runtime", "writeBufferMessage", Function.FromCallback(store, session.DiscardLogMessage));
        linker.Define("runtime", "showSharedRWMemory", Function.FromCallback(store, () => { }));

        Instance instance;
        try
        {
            instance = linker.Instantiate(store, module);
        }
        catch (WasmtimeException e)
        {
            throw new ZkFormatException($"circuit .wasm: cannot instantiate ({FirstLine(e.Message)}); is it circom's witness generator?", e);
        }

        var exports = new Exports(instance);
        session.Exports = exports;
        try
        {
            return Run(exports, inputs);
        }
        catch (WasmtimeException e) when (session.Error is not null)
        {
            throw new ZkWitnessException(session.Error, e);
        }
        catch (TrapException e) when (e.Type == TrapCode.OutOfFuel)
        {
            throw new ZkWitnessException("witness computation exceeded its instruction budget (a looping or hostile .wasm?)", e);
        }
        catch (WasmtimeException e)
        {
            throw new ZkWitnessException($"witness computation trapped: {FirstLine(e.Message)}", e);
        }
    }

    public void Dispose()
    {
        module.Dispose();
        engine.Dispose();
    }

    private static Fr[] Run(Exports x, List<(string Name, Fr[] Values)> inputs)
    {
        var n32 = x.GetFieldNumLen32();
        if (n32 != 8)
        {
            throw new ZkFormatException($"circuit .wasm: field of {n32 * 32} bits is not BN254's");
        }

        x.GetRawPrime();
        if (!PrimeIsR(x))
        {
            throw new ZkFormatException("circuit .wasm: compiled for a prime other than BN254's r");
        }

        x.Init(0);
        var set = 0;
        Span<byte> bytes = stackalloc byte[32];
        foreach (var (name, values) in inputs)
        {
            var hash = Fnv1a(name);
            var msb = (int)(hash >> 32);
            var lsb = (int)(uint)hash;
            var size = x.GetInputSignalSize(msb, lsb);
            if (size < 0)
            {
                throw new ZkFormatException($"input: the circuit has no input signal '{name}'");
            }

            if (values.Length != size)
            {
                throw new ZkFormatException($"input '{name}': expected {size} values, got {values.Length}");
            }

            for (var i = 0; i < values.Length; i++)
            {
                values[i].WriteLittleEndian(bytes);
                for (var j = 0; j < 8; j++)
                {
                    x.WriteSharedRWMemory(j, BitConverter.ToInt32(bytes[(4 * j)..]));
                }

                x.SetInputSignal(msb, lsb, i);
                set++;
            }
        }

        var expected = x.GetInputSize();
        if (set < expected)
        {
            throw new ZkFormatException($"input: only {set} of the circuit's {expected} input values were given");
        }

        var witness = new Fr[x.GetWitnessSize()];
        for (var i = 0; i < witness.Length; i++)
        {
            x.GetWitness(i);
            witness[i] = ReadShared(x);
        }

        return witness;
    }

    /// <summary>getRawPrime leaves the circuit's prime in the shared buffer.</summary>
    private static bool PrimeIsR(Exports x)
    {
        Span<byte> bytes = stackalloc byte[32];
        for (var j = 0; j < 8; j++)
        {
            BitConverter.TryWriteBytes(bytes[(4 * j)..], x.ReadSharedRWMemory(j));
        }

        return new System.Numerics.BigInteger(bytes, isUnsigned: true) == Fr.Modulus;
    }

    private static Fr ReadShared(Exports x)
    {
        Span<byte> bytes = stackalloc byte[32];
        for (var j = 0; j < 8; j++)
        {
            BitConverter.TryWriteBytes(bytes[(4 * j)..], x.ReadSharedRWMemory(j));
        }

        return Fr.FromLittleEndian(bytes);
    }

    private static ulong Fnv1a(string name)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in name)
        {
            hash ^= c;
            hash *= 0x100000001B3UL;
        }

        return hash;
    }

    private static string FirstLine(string s) => s.Split('\n', 2)[0];

    /// <summary>The module's exports, bound once per instance.</summary>
    private sealed class Exports(Instance i)
    {
        public readonly Func<int> GetFieldNumLen32 = i.GetFunction<int>("getFieldNumLen32") ?? throw Missing("getFieldNumLen32");
        public readonly Action GetRawPrime = i.GetAction("getRawPrime") ?? throw Missing("getRawPrime");
        public readonly Func<int, int> ReadSharedRWMemory = i.GetFunction<int, int>("readSharedRWMemory") ?? throw Missing("readSharedRWMemory");
        public readonly Action<int, int> WriteSharedRWMemory = i.GetAction<int, int>("writeSharedRWMemory") ?? throw Missing("writeSharedRWMemory");
        public readonly Action<int> Init = i.GetAction<int>("init") ?? throw Missing("init");
        public readonly Func<int, int, int> GetInputSignalSize = i.GetFunction<int, int, int>("getInputSignalSize") ?? throw Missing("getInputSignalSize");
        public readonly Action<int, int, int> SetInputSignal = i.GetAction<int, int, int>("setInputSignal") ?? throw Missing("setInputSignal");
        public readonly Func<int> GetInputSize = i.GetFunction<int>("getInputSize") ?? throw Missing("getInputSize");
        public readonly Func<int> GetWitnessSize = i.GetFunction<int>("getWitnessSize") ?? throw Missing("getWitnessSize");
        public readonly Action<int> GetWitness = i.GetAction<int>("getWitness") ?? throw Missing("getWitness");
        public readonly Func<int> GetMessageChar = i.GetFunction<int>("getMessageChar") ?? throw Missing("getMessageChar");

        private static ZkFormatException Missing(string name) => new($"circuit .wasm: missing export '{name}'; is it circom's witness generator?");
    }

    /// <summary>Collects what the module reports through its runtime imports during one computation.</summary>
    private sealed class Session
    {
        private readonly StringBuilder errors = new();

        public Exports? Exports { get; set; }

        public string? Error { get; private set; }

        public void Fail(int code)
        {
            var reason = code switch
            {
                1 => "signal not found",
                2 => "too many signals set",
                3 => "signal already set",
                4 => "the input does not satisfy the circuit (assert failed)",
                5 => "not enough memory",
                6 => "input signal array access exceeds the size",
                7 => "out of bounds array access",
                _ => $"unknown error {code}",
            };
            var detail = errors.ToString().Trim();
            Error = detail.Length == 0 ? reason : $"{reason}: {detail.ReplaceLineEndings(" ")}";
            throw new InvalidOperationException(Error);
        }

        public void AppendError() => errors.AppendLine(ReadMessage());

        /// <summary>circom's log() output; drained so the module's message cursor stays consistent, then dropped.</summary>
        public void DiscardLogMessage() => ReadMessage();

        public string ReadMessage()
        {
            var sb = new StringBuilder();
            for (var c = Exports!.GetMessageChar(); c != 0 && sb.Length < 4096; c = Exports.GetMessageChar())
            {
                sb.Append((char)c);
            }

            return sb.ToString();
        }
    }
}
