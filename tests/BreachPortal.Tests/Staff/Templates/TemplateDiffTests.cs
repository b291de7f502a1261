using BreachPortal.Web.Notifications.Templates;

namespace BreachPortal.Tests.Staff.Templates;

public sealed class TemplateDiffTests
{
    private static string Show(IReadOnlyList<TemplateDiffLine> lines) =>
        string.Join("|", lines.Select(l => (l.Kind switch { TemplateDiffKind.Added => "+", TemplateDiffKind.Removed => "-", _ => " " }) + l.Text));

    [Fact]
    public void Lines_SameText_AreAllUnchanged()
    {
        var lines = TemplateDiff.Lines("a\nb\nc", "a\nb\nc");

        Assert.Equal(" a| b| c", Show(lines));
        Assert.False(TemplateDiff.HasChanges(lines));
    }

    [Fact]
    public void Lines_OneLineChanged_IsRemovedThenAddedBetweenTheCommonLines()
    {
        var lines = TemplateDiff.Lines("Bonjour,\nancienne phrase\nCordialement", "Bonjour,\nnouvelle phrase\nCordialement");

        Assert.Equal(" Bonjour,|-ancienne phrase|+nouvelle phrase| Cordialement", Show(lines));
        Assert.True(TemplateDiff.HasChanges(lines));
    }

    [Fact]
    public void Lines_InsertionsAndDeletions_KeepTheLongestCommonSubsequence()
    {
        var lines = TemplateDiff.Lines("a\nb\nc\nd\ne", "a\nc\nd\nx\ne\nf");

        Assert.Equal(" a|-b| c| d|+x| e|+f", Show(lines));
    }

    [Fact]
    public void Lines_CrlfAndLf_AreTheSameLines()
    {
        Assert.False(TemplateDiff.HasChanges(TemplateDiff.Lines("a\r\nb", "a\nb")));
    }

    [Fact]
    public void Lines_FromNothing_AreAllAdded_AndToNothingAllRemoved()
    {
        Assert.Equal("+a|+b", Show(TemplateDiff.Lines(null, "a\nb")));
        Assert.Equal("-a|-b", Show(TemplateDiff.Lines("a\nb", "")));
        Assert.Empty(TemplateDiff.Lines(null, null));
    }

    [Fact]
    public void Lines_TooLargeToCompare_ShowsTheChangedBlockAsReplaced()
    {
        var before = string.Join('\n', Enumerable.Range(0, 2_100).Select(i => $"old {i}"));
        var after = string.Join('\n', Enumerable.Range(0, 2_100).Select(i => $"new {i}"));

        var lines = TemplateDiff.Lines("same\n" + before, "same\n" + after);

        Assert.Equal(1 + 4_200, lines.Count);
        Assert.Equal(TemplateDiffKind.Same, lines[0].Kind);
        Assert.All(lines.Skip(1).Take(2_100), l => Assert.Equal(TemplateDiffKind.Removed, l.Kind));
        Assert.All(lines.Skip(2_101), l => Assert.Equal(TemplateDiffKind.Added, l.Kind));
    }
}
