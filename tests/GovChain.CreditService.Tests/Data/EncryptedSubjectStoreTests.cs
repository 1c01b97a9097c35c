using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GovChain.CreditService.Data;
using GovChain.TestSupport;
using Xunit;

namespace GovChain.CreditService.Tests.Data;

public sealed class EncryptedSubjectStoreTests
{
    private static readonly SyntheticPopulation Population = SyntheticPopulation.Generate(11, 4, 3);

    [Fact]
    public void Records_come_back_after_reopening_with_the_key_file()
    {
        using var dir = new TempDirectory();
        var store = EncryptedSubjectStore.Open(dir.Path);
        store.PutAll(Population.Records);
        var reopened = EncryptedSubjectStore.Open(dir.Path);
        foreach (var record in Population.Records)
        {
            Assert.Equal(record, reopened.TryGet(record.SubjectId, record.Category));
        }

        Assert.Equal(Population.Subjects.Select(s => s.Id).Order(StringComparer.Ordinal), reopened.Subjects());
        Assert.All(Population.Subjects, s => Assert.True(reopened.Contains(s.Id)));
        Assert.False(reopened.Contains("91350100M000100Y43"));
        Assert.Null(reopened.TryGet("91350100M000100Y43", "tax"));
        Assert.Throws<UnknownCategoryException>(() => reopened.TryGet("91350100M000100Y43", "taxes"));
    }

    [Fact]
    public void The_key_file_is_16_bytes_and_owner_only_and_a_shared_one_is_refused()
    {
        using var dir = new TempDirectory();
        EncryptedSubjectStore.Open(dir.Path);
        var keyPath = dir.File("store.key");
        Assert.Equal(16, new FileInfo(keyPath).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            Assert.Throws<StoreIntegrityException>(() => EncryptedSubjectStore.Open(dir.Path));
        }
    }

    [Fact]
    public void Put_replaces_a_record_and_an_import_report_can_be_applied()
    {
        using var dir = new TempDirectory();
        var store = EncryptedSubjectStore.Open(dir.Path, new byte[16]);
        var report = AgencyDataImporter.ImportCsv(CsvText.Utf8(CsvText.Of(DataCategory.Court, Population.RecordsOf("court"))), "court");
        store.PutAll(report.Accepted);
        var first = report.Accepted[0];
        var changed = first with { Values = DataCategoryTests.Values(("judgments", 9), ("enforcement_cny", 1)) };
        store.Put(changed);
        Assert.Equal(changed, store.TryGet(first.SubjectId, "court"));
        Assert.Equal(report.Accepted.Count, store.Subjects().Count);
        Assert.False(File.Exists(dir.File("store.key")));
    }

    [Fact]
    public void A_record_that_does_not_fit_is_refused_and_nothing_of_its_batch_is_written()
    {
        using var dir = new TempDirectory();
        var store = EncryptedSubjectStore.Open(dir.Path);
        var good = Population.RecordsOf("court").First();
        var bad = good with { SubjectId = Population.RecordsOf("court").Last().SubjectId, Values = DataCategoryTests.Values(("judgments", -1), ("enforcement_cny", 0)) };
        var ex = Assert.Throws<DataInputException>(() => store.PutAll([good, bad]));
        Assert.Equal("record not stored: judgments must be between 0 and 1000, not -1", ex.Message);
        Assert.Empty(store.Subjects());
        Assert.Empty(Directory.GetFiles(dir.Path, "*.rec"));
    }

    [Fact]
    public void No_subject_id_appears_in_any_file_name_or_file()
    {
        using var dir = new TempDirectory();
        EncryptedSubjectStore.Open(dir.Path).PutAll(Population.Records);
        var files = Directory.GetFiles(dir.Path);
        Assert.Equal(Population.Records.Count + 2, files.Length);
        foreach (var file in files)
        {
            var content = File.ReadAllBytes(file);
            foreach (var subject in Population.Subjects)
            {
                Assert.DoesNotContain(subject.Id, Path.GetFileName(file), StringComparison.Ordinal);
                Assert.True(content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(subject.Id)) < 0, $"{subject.Id} appears in {file}");
                Assert.True(content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(subject.DisplayName)) < 0);
            }
        }
    }

    [Fact]
    public void Every_flipped_bit_of_a_record_file_is_detected_and_names_the_record()
    {
        using var dir = new TempDirectory();
        var store = EncryptedSubjectStore.Open(dir.Path);
        var record = Population.RecordsOf("tax").First();
        store.Put(record);
        var file = Directory.GetFiles(dir.Path, "*.rec").Single();
        var original = File.ReadAllBytes(file);
        for (var bit = 0; bit < original.Length * 8; bit += 7)
        {
            var tampered = (byte[])original.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            File.WriteAllBytes(file, tampered);
            var ex = Assert.Throws<StoreIntegrityException>(() => store.TryGet(record.SubjectId, "tax"));
            Assert.Equal((record.SubjectId, "tax"), (ex.Subject, ex.Category));
            Assert.Contains(record.SubjectId, ex.Message, StringComparison.Ordinal);
            Assert.Contains("'tax'", ex.Message, StringComparison.Ordinal);
        }

        foreach (var length in new[] { 0, 1, 13, 28, original.Length - 1 })
        {
            File.WriteAllBytes(file, original[..length]);
            Assert.Throws<StoreIntegrityException>(() => store.TryGet(record.SubjectId, "tax"));
        }

        File.WriteAllBytes(file, original);
        Assert.Equal(record, store.TryGet(record.SubjectId, "tax"));
    }

    [Fact]
    public void A_record_file_moved_onto_another_records_name_fails_authentication()
    {
        using var dir = new TempDirectory();
        var store = EncryptedSubjectStore.Open(dir.Path);
        var (a, b) = (Population.RecordsOf("court").First(), Population.RecordsOf("court").Last());
        store.Put(a);
        var fileOfA = Directory.GetFiles(dir.Path, "*.rec").Single();
        store.Put(b);
        var fileOfB = Directory.GetFiles(dir.Path, "*.rec").Single(f => f != fileOfA);
        File.Copy(fileOfA, fileOfB, overwrite: true);
        Assert.Throws<StoreIntegrityException>(() => store.TryGet(b.SubjectId, "court"));
        Assert.Equal(a, store.TryGet(a.SubjectId, "court"));
    }

    [Fact]
    public void A_wrong_key_or_a_damaged_index_is_caught_at_open()
    {
        using var dir = new TempDirectory();
        var key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        EncryptedSubjectStore.Open(dir.Path, key).PutAll(Population.Records);
        var wrong = (byte[])key.Clone();
        wrong[15] ^= 1;
        var ex = Assert.Throws<StoreIntegrityException>(() => EncryptedSubjectStore.Open(dir.Path, wrong));
        Assert.Contains("the store key is wrong", ex.Message, StringComparison.Ordinal);

        var index = dir.File("index.bin");
        var bytes = File.ReadAllBytes(index);
        bytes[^1] ^= 0x80;
        File.WriteAllBytes(index, bytes);
        Assert.Throws<StoreIntegrityException>(() => EncryptedSubjectStore.Open(dir.Path, key));
        File.Delete(index);
        Assert.Throws<StoreIntegrityException>(() => EncryptedSubjectStore.Open(dir.Path, key));
        Assert.Throws<DataInputException>(() => EncryptedSubjectStore.Open(dir.Path, new byte[15]));
    }

    [Fact]
    public void Concurrent_writers_and_readers_leave_every_record_readable()
    {
        using var dir = new TempDirectory();
        var store = EncryptedSubjectStore.Open(dir.Path);
        var records = SyntheticPopulation.Generate(5, 20, 10).Records;
        Parallel.ForEach(records, new ParallelOptions { MaxDegreeOfParallelism = 8 }, record =>
        {
            store.Put(record);
            Assert.Equal(record, store.TryGet(record.SubjectId, record.Category));
            _ = store.Subjects();
        });
        var reopened = EncryptedSubjectStore.Open(dir.Path);
        Assert.Equal(30, reopened.Subjects().Count);
        Assert.All(records, r => Assert.Equal(r, reopened.TryGet(r.SubjectId, r.Category)));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp-*"));
    }

    [Property(MaxTest = 40)]
    public Property Any_valid_record_round_trips(int seed, NonNegativeInt tax, NonNegativeInt arrears, byte months)
    {
        using var dir = new TempDirectory();
        var store = EncryptedSubjectStore.Open(dir.Path);
        var subject = UnifiedSocialCreditCode.Generate(new Random(seed)).Value;
        var record = new SubjectRecord(subject, "tax", DataCategoryTests.Values(
            ("annual_tax_paid_cny", (long)tax.Get * 1_000_003), ("arrears_cny", arrears.Get), ("months_in_arrears", months % 121)));
        store.Put(record);
        return (record.Equals(store.TryGet(subject, "tax")) && record.Equals(EncryptedSubjectStore.Open(dir.Path).TryGet(subject, "tax")))
            .Label(record.ToString());
    }

    [Property(MaxTest = 100)]
    public bool The_record_codec_round_trips(int seed)
    {
        return SyntheticPopulation.Generate(seed, 1, 1).Records.All(r => SubjectRecordCodec.Decode(SubjectRecordCodec.Encode(r)).Equals(r));
    }

    [Fact]
    public void The_in_memory_store_follows_the_same_rules()
    {
        var store = new InMemorySubjectStore();
        store.PutAll(Population.Records);
        Assert.All(Population.Records, r => Assert.Equal(r, store.TryGet(r.SubjectId, r.Category)));
        Assert.Equal(Population.Subjects.Select(s => s.Id).Order(StringComparer.Ordinal), store.Subjects());
        Assert.Throws<DataInputException>(() => store.Put(Population.Records[0] with { Category = "court" }));
        Assert.Null(store.TryGet("91350100M000100Y43", "court"));
    }
}
