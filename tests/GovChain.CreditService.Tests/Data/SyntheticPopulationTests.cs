using FsCheck.Xunit;
using GovChain.CreditService.Data;
using Xunit;

namespace GovChain.CreditService.Tests.Data;

public sealed class SyntheticPopulationTests
{
    [Property(MaxTest = 20)]
    public bool A_seed_always_gives_the_same_population(int seed)
    {
        var a = SyntheticPopulation.Generate(seed, 5, 3);
        var b = SyntheticPopulation.Generate(seed, 5, 3);
        return a.Subjects.SequenceEqual(b.Subjects) && a.Records.SequenceEqual(b.Records);
    }

    [Fact]
    public void Different_seeds_give_different_people()
    {
        var a = SyntheticPopulation.Generate(1, 20, 10);
        var b = SyntheticPopulation.Generate(2, 20, 10);
        Assert.Empty(a.Subjects.Select(s => s.Id).Intersect(b.Subjects.Select(s => s.Id)));
    }

    [Fact]
    public void Every_subject_is_valid_unique_and_has_every_category_that_applies_to_it()
    {
        var population = SyntheticPopulation.Generate(1, 20, 10);
        Assert.Equal(20, population.Subjects.Count(s => s.Kind == SubjectKind.Citizen));
        Assert.Equal(10, population.Subjects.Count(s => s.Kind == SubjectKind.Enterprise));
        Assert.Equal(30, population.Subjects.Select(s => s.Id).Distinct().Count());
        foreach (var subject in population.Subjects)
        {
            Assert.Equal(subject.Kind, SubjectIdentifier.KindOf(subject.Id));
            Assert.False(string.IsNullOrWhiteSpace(subject.DisplayName));
            var expected = DataCategory.All.Where(c => c.AppliesTo(subject.Kind)).Select(c => c.Name).Order();
            Assert.Equal(expected, population.Records.Where(r => r.SubjectId == subject.Id).Select(r => r.Category).Order());
        }

        Assert.All(population.Records, r => Assert.Null(DataCategory.Get(r.Category).Diagnose(r)));
        var identity = population.RecordsOf("identity").First();
        Assert.Equal(population.Subjects.Single(s => s.Id == identity.SubjectId).DisplayName, identity.Texts["name"]);
    }

    [Fact]
    public void Values_spread_so_that_scores_differ()
    {
        var population = SyntheticPopulation.Generate(7, 40, 20);
        foreach (var category in DataCategory.All.Where(c => c != DataCategory.Identity))
        {
            foreach (var field in category.Fields)
            {
                var values = population.RecordsOf(category.Name).Select(r => r.Values[field.Name]).Distinct().Count();
                Assert.True(values > 1, $"{category.Name}.{field.Name} takes a single value");
            }
        }
    }
}
