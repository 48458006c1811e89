using Great.Web.Curriculum;

namespace Great.UnitTests.Domain;

public class CompletionRuleTests
{
    private static readonly CompletionRule FiveOfSixWithLast = new(5, RequiresLastLesson: true);

    [Fact]
    public void Should_complete_with_exactly_the_minimum_including_the_last() =>
        Assert.True(FiveOfSixWithLast.IsMetBy([1, 2, 3, 4, 6], 6));

    [Fact]
    public void Should_not_complete_without_the_last_lesson_however_many_others() =>
        Assert.False(FiveOfSixWithLast.IsMetBy([1, 2, 3, 4, 5], 6));

    [Fact]
    public void Should_not_complete_one_short_of_the_minimum() =>
        Assert.False(FiveOfSixWithLast.IsMetBy([1, 2, 3, 6], 6));

    [Fact]
    public void Should_ignore_lesson_numbers_outside_the_component_and_duplicates() =>
        Assert.False(FiveOfSixWithLast.IsMetBy([0, 2, 2, 3, 6, 7, 9], 6));

    [Fact]
    public void Should_not_require_the_last_lesson_when_the_rule_says_so() =>
        Assert.True(new CompletionRule(3, RequiresLastLesson: false).IsMetBy([1, 2, 3], 4));
}
