namespace GovChain.CreditService.Data;

/// <summary>
/// A folder of SM4-GCM-sealed records, one file per (subject, category). Each file is sealed under a fresh random
/// nonce with AAD subject ‖ 0x00 ‖ category, so a file moved to another record's name fails authentication; names
/// are HMAC-SM3 of the same pair, so no ID appears on disk in clear. Writes are atomic; one lock serializes access
/// within the process (one process per folder).
/// </summary>
public sealed class EncryptedSubjectStore : ISubjectDataStore
{
    private readonly string _directory;
    private readonly StoreKeys _keys;
    private readonly StoreIndex _index;
    private readonly Lock _gate = new();

    private EncryptedSubjectStore(string directory, ReadOnlySpan<byte> key)
    {
        _directory = directory;
        _keys = new StoreKeys(key);
        var indexPath = IndexPath;
        if (File.Exists(indexPath))
        {
            _index = StoreIndex.Load(indexPath, _keys.Encryption);
        }
        else if (Directory.EnumerateFiles(directory, "*.rec").Any())
        {
            throw new StoreIntegrityException($"{indexPath} is missing while the folder holds records");
        }
        else
        {
            // Written before any record, so that a wrong key is caught at open even for an empty store.
            _index = new StoreIndex();
            _index.Save(indexPath, _keys.Encryption);
        }
    }

    private string IndexPath => Path.Combine(_directory, StoreIndex.FileName);

    /// <summary>Opens or creates the store in <paramref name="directory"/>, with its key in <c>store.key</c> there.</summary>
    public static EncryptedSubjectStore Open(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        OwnerOnlyFile.CreateDirectory(directory);
        return new EncryptedSubjectStore(directory, StoreKeyFile.LoadOrCreate(directory));
    }

    /// <summary>Opens or creates the store with a key kept elsewhere; no <c>store.key</c> is written.</summary>
    public static EncryptedSubjectStore Open(string directory, ReadOnlySpan<byte> key)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        OwnerOnlyFile.CreateDirectory(directory);
        return new EncryptedSubjectStore(directory, key);
    }

    public void Put(SubjectRecord record) => PutAll([record]);

    /// <summary>Writes each record file, then the index once: the way to load an import, where Put per record would rewrite the index each time.</summary>
    public void PutAll(IEnumerable<SubjectRecord> records)
    {
        var batch = RecordBatch.Validate(records);
        lock (_gate)
        {
            var indexChanged = false;
            foreach (var record in batch)
            {
                var sealedRecord = SealedBytes.Seal(
                    _keys.Encryption, SubjectRecordCodec.Encode(record), StoreKeys.Binding(record.SubjectId, record.Category));
                OwnerOnlyFile.WriteAtomically(RecordPath(record.SubjectId, record.Category), sealedRecord);
                indexChanged |= _index.Add(record.SubjectId, record.Category);
            }

            if (indexChanged)
            {
                _index.Save(IndexPath, _keys.Encryption);
            }
        }
    }

    public SubjectRecord? TryGet(string subject, string category)
    {
        ArgumentNullException.ThrowIfNull(subject);
        DataCategory.Get(category);
        var path = RecordPath(subject, category);
        byte[] sealedRecord;
        lock (_gate)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            sealedRecord = File.ReadAllBytes(path);
        }

        var plain = SealedBytes.TryOpen(_keys.Encryption, sealedRecord, StoreKeys.Binding(subject, category))
            ?? throw new StoreIntegrityException(subject, category, "authentication failed (altered, truncated or moved file)");
        SubjectRecord record;
        try
        {
            record = SubjectRecordCodec.Decode(plain);
        }
        catch (FormatException ex)
        {
            throw new StoreIntegrityException(subject, category, ex.Message);
        }

        return record.SubjectId == subject && record.Category == category
            ? record
            : throw new StoreIntegrityException(subject, category, "the file holds another record");
    }

    public IReadOnlyList<string> Subjects()
    {
        lock (_gate)
        {
            return _index.Subjects;
        }
    }

    public bool Contains(string subject)
    {
        lock (_gate)
        {
            return _index.Contains(subject);
        }
    }

    private string RecordPath(string subject, string category) => Path.Combine(_directory, _keys.FileName(subject, category));
}
