using RocksDbSharp;

namespace GovChain.Ledger.Tests.Storage;

/// <summary>Opens a closed node's RocksDB directly, to damage or rewrite it the way another node version or a fault would.</summary>
internal static class RawStore
{
    public static void Edit(string directory, Action<RocksDb, Func<string, ColumnFamilyHandle>> edit)
    {
        var families = new ColumnFamilies();
        foreach (var name in RocksDb.ListColumnFamilies(new DbOptions(), directory))
        {
            families.Add(name, new ColumnFamilyOptions());
        }

        using var db = RocksDb.Open(new DbOptions(), directory, families);
        edit(db, db.GetColumnFamily);
    }
}
