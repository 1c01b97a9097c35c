using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GovChain.CreditService.Data;
using Xunit;

namespace GovChain.CreditService.Tests.Data;

/// <summary>Check characters against published codes, and the promise of a check character: every one-character slip is caught.</summary>
public sealed class IdentifierTests
{
    /// <summary>
    /// Published unified social credit codes: the worked example of GB 32100-2015, and the codes printed on the
    /// business licences of Huawei Technologies Co., Ltd. and Shenzhen Tencent Computer Systems Co., Ltd.
    /// </summary>
    public static readonly TheoryData<string> PublishedCreditCodes = new() { "91350100M000100Y43", "914403001922038216", "9144030071526726XG" };

    /// <summary>The two worked examples in GB 11643-1999 (one with check character X, one born in 1880).</summary>
    public static readonly TheoryData<string> PublishedResidentIds = new() { "11010519491231002X", "440524188001010014" };

    /// <summary>Everything a slip of the keyboard could put in a position: both alphabets, lower case, the excluded letters.</summary>
    private const string Replacements = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZaxz -";

    [Theory]
    [MemberData(nameof(PublishedCreditCodes))]
    public void Published_credit_codes_are_valid_and_their_check_character_is_recomputed(string code)
    {
        Assert.True(UnifiedSocialCreditCode.IsValid(code), UnifiedSocialCreditCode.Diagnose(code));
        Assert.Equal(code[17], UnifiedSocialCreditCode.ComputeCheckCharacter(code[..17]));
        Assert.Equal(SubjectKind.Enterprise, SubjectIdentifier.KindOf(code));
        Assert.Equal(code, UnifiedSocialCreditCode.Parse(code).Value);
    }

    [Theory]
    [MemberData(nameof(PublishedResidentIds))]
    public void Published_resident_ids_are_valid_and_their_check_character_is_recomputed(string id)
    {
        Assert.True(ResidentIdNumber.IsValid(id), ResidentIdNumber.Diagnose(id));
        Assert.Equal(id[17], ResidentIdNumber.ComputeCheckCharacter(id[..17]));
        Assert.Equal(SubjectKind.Citizen, SubjectIdentifier.KindOf(id));
        Assert.True(ResidentIdNumber.TryParse(id, out var parsed));
        Assert.Equal(id[6..14], parsed.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(id[..6], parsed.RegionCode);
    }

    [Theory]
    [InlineData("91350100m000100y43", "lower-case 'm' at position 9")]
    [InlineData("91350100M000100Y4", "must be 18 characters, not 17")]
    [InlineData("91350100M000100Y433", "must be 18 characters, not 19")]
    [InlineData("91350100M000100Y4 ", "whitespace at position 18")]
    [InlineData(" 91350100M000100Y43", "whitespace at position 1")]
    [InlineData("91350100M0O0100Y43", "uses 'O' at position 11")]
    [InlineData("9135A100M000100Y43", "positions 3-8 are the division code")]
    [InlineData("91350100M000100Y44", "check character is '4' but should be '3'")]
    [InlineData("91350100M000100Y4#", "'#' at position 18")]
    [InlineData("", "is empty")]
    [InlineData(null, "is empty")]
    public void Bad_credit_codes_are_rejected_with_a_reason(string? code, string reason)
    {
        Assert.False(UnifiedSocialCreditCode.IsValid(code));
        Assert.Contains(reason, UnifiedSocialCreditCode.Diagnose(code), StringComparison.Ordinal);
        Assert.False(UnifiedSocialCreditCode.TryParse(code, out _, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
        Assert.Contains(reason, Assert.Throws<InvalidIdentifierException>(() => UnifiedSocialCreditCode.Parse(code)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11010519491231002x", "lower-case 'x' at position 18")]
    [InlineData("110105194912310021", "check character is '1' but should be 'X'")]
    [InlineData("110105491231002", "15-digit first-generation")]
    [InlineData("1101051949123100", "must be 18 characters, not 16")]
    [InlineData("11010519491231 02X", "whitespace at position 15")]
    [InlineData("11010519490231002X", "19490231 is not a calendar date")]
    [InlineData("11010517991231002X", "birth year 1799")]
    [InlineData("11010529991231002X", "in the future")]
    [InlineData("99010519491231002X", "99, which is not a province code")]
    [InlineData("1101051949123100AX", "position 17 must be a digit")]
    [InlineData("11010519491231002Y", "must be a digit or 'X'")]
    public void Bad_resident_ids_are_rejected_with_a_reason(string id, string reason)
    {
        Assert.False(ResidentIdNumber.IsValid(id));
        Assert.Contains(reason, ResidentIdNumber.Diagnose(id), StringComparison.Ordinal);
        Assert.Contains(reason, Assert.Throws<InvalidIdentifierException>(() => ResidentIdNumber.Parse(id)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9135010M000100Y4")]
    [InlineData("91350100M000100YI")]
    [InlineData("91350100m000100Y4")]
    public void Computing_a_credit_code_check_character_refuses_bad_input(string first17) =>
        Assert.Throws<InvalidIdentifierException>(() => UnifiedSocialCreditCode.ComputeCheckCharacter(first17));

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("1101051949123100A")]
    [InlineData("110105194912310021")]
    public void Computing_a_resident_id_check_character_refuses_bad_input(string first17) =>
        Assert.Throws<InvalidIdentifierException>(() => ResidentIdNumber.ComputeCheckCharacter(first17));

    [Property(MaxTest = 60)]
    public bool Every_single_character_substitution_of_a_credit_code_is_rejected(int seed)
    {
        var code = UnifiedSocialCreditCode.Generate(new Random(seed)).Value;
        return UnifiedSocialCreditCode.IsValid(code) && Substitutions(code).All(c => !UnifiedSocialCreditCode.IsValid(c));
    }

    [Property(MaxTest = 60)]
    public bool Every_single_character_substitution_of_a_resident_id_is_rejected(int seed)
    {
        var id = ResidentIdNumber.Generate(new Random(seed)).Value;
        return ResidentIdNumber.IsValid(id) && Substitutions(id).All(c => !ResidentIdNumber.IsValid(c));
    }

    [Property(MaxTest = 100)]
    public Property Generated_ids_are_valid_and_of_their_own_kind(int seed)
    {
        var random = new Random(seed);
        var id = ResidentIdNumber.Generate(random);
        var code = UnifiedSocialCreditCode.Generate(random);
        return (SubjectIdentifier.KindOf(id.Value) == SubjectKind.Citizen
                && SubjectIdentifier.KindOf(code.Value) == SubjectKind.Enterprise
                && ResidentIdNumber.ComputeCheckCharacter(id.Value[..17]) == id.Value[17]
                && UnifiedSocialCreditCode.ComputeCheckCharacter(code.Value[..17]) == code.Value[17])
            .Label($"{id} / {code}");
    }

    [Property(MaxTest = 200)]
    public bool Arbitrary_strings_never_throw_and_are_valid_only_with_the_right_check_character(string? text)
    {
        var asCode = UnifiedSocialCreditCode.IsValid(text);
        var asId = ResidentIdNumber.IsValid(text);
        return (!asCode || UnifiedSocialCreditCode.ComputeCheckCharacter(text![..17]) == text[17])
            && (!asId || ResidentIdNumber.ComputeCheckCharacter(text![..17]) == text[17]);
    }

    [Fact]
    public void A_subject_id_of_the_wrong_kind_for_a_category_is_explained()
    {
        Assert.Equal("category 'registration' holds no data about citizens",
            SubjectIdentifier.Diagnose("11010519491231002X", DataCategory.Registration));
        Assert.Equal("category 'social-security' holds no data about enterprises",
            SubjectIdentifier.Diagnose("91350100M000100Y43", DataCategory.SocialSecurity));
        Assert.Equal("resident ID number must be 18 characters, not 5", SubjectIdentifier.Diagnose("12345", DataCategory.Tax));
        Assert.Equal("unified social credit code must be 18 characters, not 7", SubjectIdentifier.Diagnose("9135010", DataCategory.Tax));
        Assert.Equal("unified social credit code must be 18 characters, not 5", SubjectIdentifier.Diagnose("12345", DataCategory.Registration));
        Assert.Null(SubjectIdentifier.Diagnose("91350100M000100Y43", DataCategory.Tax));
        Assert.Null(SubjectIdentifier.KindOf("91350100M000100Y44"));
    }

    private static IEnumerable<string> Substitutions(string valid)
    {
        for (var i = 0; i < valid.Length; i++)
        {
            foreach (var c in Replacements.Where(c => c != valid[i]))
            {
                yield return string.Concat(valid.AsSpan(0, i), c.ToString(), valid.AsSpan(i + 1));
            }
        }
    }
}
