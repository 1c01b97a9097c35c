using System.Runtime.InteropServices;

namespace GovChain.Ledger.Storage;

/// <summary>
/// Runs RocksDB's compaction threads at the lowest CPU priority (nice 19), once per process: compaction is work that
/// can wait. Validators that apply the same blocks compact at about the same volume, and on a busy host the burst took
/// the cores from the consensus and commit threads — a batch load's slowest commits all fell in it. Flush threads keep
/// their priority, since a flush that falls behind stalls writes. The binding does not wrap this call, so it is taken
/// from the native library the binding loaded (Linux only; elsewhere compactions keep the default priority).
/// </summary>
internal static class CompactionPriority
{
    private static int lowered;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr CreateEnv();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void EnvCall(IntPtr env);

    public static void Lower()
    {
        if (Interlocked.Exchange(ref lowered, 1) != 0 || !OperatingSystem.IsLinux() || LoadedLibrary() is not { } path ||
            !NativeLibrary.TryLoad(path, out var library))
        {
            return;
        }

        if (NativeLibrary.TryGetExport(library, "rocksdb_create_default_env", out var create) &&
            NativeLibrary.TryGetExport(library, "rocksdb_env_lower_thread_pool_cpu_priority", out var lower) &&
            NativeLibrary.TryGetExport(library, "rocksdb_env_destroy", out var destroy))
        {
            // The default env is the process's shared one: destroying the handle frees the wrapper, not the env.
            var env = Marshal.GetDelegateForFunctionPointer<CreateEnv>(create)();
            Marshal.GetDelegateForFunctionPointer<EnvCall>(lower)(env);
            Marshal.GetDelegateForFunctionPointer<EnvCall>(destroy)(env);
        }
    }

    /// <summary>The RocksDB library mapped into this process, so the call reaches the same default env as the stores.</summary>
    private static string? LoadedLibrary()
    {
        try
        {
            return File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length == 6 && Path.GetFileName(fields[5]).StartsWith("librocksdb", StringComparison.Ordinal))
                .Select(fields => fields[5].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
