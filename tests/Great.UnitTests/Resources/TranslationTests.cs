using System.Text.RegularExpressions;
using System.Xml.Linq;
using Great.Web.Domain;
using Great.Web.Security;

namespace Great.UnitTests.Resources;

/// <summary>Every text the UI asks the localizer for exists in Spanish, with the same placeholders.</summary>
public partial class TranslationTests
{
    private static readonly string Root = FindRepositoryRoot();
    private static readonly string WebProject = Path.Combine(Root, "src", "Great.Web");

    private static Dictionary<string, string> Resx(string file) =>
        XDocument.Load(Path.Combine(WebProject, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    // L["..."] in pages, and message("...") where import code asks the page's localizer.
    [GeneratedRegex("""(?:\bL\[|\b[mM]essage\()"((?:[^"\\]|\\.)+)"[\],)]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    // L.Plural("...", count, ...): a key with a form for one and one for the rest.
    [GeneratedRegex("""\.Plural\("((?:[^"\\]|\\.)+)",""")]
    private static partial Regex PluralKey();

    public static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".cshtml"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    [Fact]
    public void Should_have_a_spanish_text_for_every_key_the_code_uses()
    {
        var spanish = Resx("SharedResource.es.resx");
        var keys = SourceFiles().SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();
        Assert.True(keys.Count > 100, $"only {keys.Count} keys found: is the scan still looking in the right place?");
        var missing = keys.Where(k => !spanish.ContainsKey(k.Key)).Select(k => $"{k.File}: {k.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Missing in SharedResource.es.resx:\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.es.resx")]
    public void Should_have_both_plural_forms_of_every_plural_message(string file)
    {
        var texts = Resx(file);
        var keys = SourceFiles().SelectMany(f => PluralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(keys.Count >= 3, $"only {keys.Count} plural keys found: is the scan still looking in the right place?");
        var missing = keys.SelectMany(k => new[] { k + Great.Web.Resources.Plurals.One, k + Great.Web.Resources.Plurals.Other }).Where(k => !texts.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"Missing in {file}:\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.es.resx")]
    public void Should_not_hold_two_keys_that_differ_only_in_case(string file)
    {
        // The build keeps the first of such a pair and drops the other: the page asking for it shows the English key.
        var clashes = Resx(file).Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, $"Keys that differ only in case in {file}:\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void Should_name_every_kind_of_email_in_both_languages()
    {
        var (english, spanish) = (Resx("SharedResource.resx"), Resx("SharedResource.es.resx"));
        foreach (var kind in Great.Web.Email.OutboxBatch.Kinds)
        {
            Assert.True(english.ContainsKey($"EmailKind.{kind}"), $"EmailKind.{kind} has no English name");
            Assert.True(spanish.ContainsKey($"EmailKind.{kind}"), $"EmailKind.{kind} has no Spanish name");
        }
    }

    [Fact]
    public void Should_have_both_plural_forms_of_every_kind_of_import_change()
    {
        var (english, spanish) = (Resx("SharedResource.resx"), Resx("SharedResource.es.resx"));
        foreach (var key in Enum.GetValues<Great.Web.Imports.ChangeKind>().Select(Great.Web.Pages.Shared.ImportSummary.KeyOf))
        foreach (var form in new[] { Great.Web.Resources.Plurals.One, Great.Web.Resources.Plurals.Other })
        {
            Assert.True(english.ContainsKey(key + form), $"{key}{form} has no English text");
            Assert.True(spanish.ContainsKey(key + form), $"{key}{form} has no Spanish text");
        }
    }

    [Fact]
    public void Should_keep_the_same_placeholders_in_spanish()
    {
        var wrong = Resx("SharedResource.es.resx")
            .Where(e => !Placeholder().Matches(e.Key).Select(m => m.Value).Order().SequenceEqual(Placeholder().Matches(e.Value).Select(m => m.Value).Order()))
            .Select(e => e.Key).ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void Should_name_every_status_level_and_role_in_both_languages()
    {
        var keys = Enum.GetNames<CertificationStatus>().Select(n => $"CertificationStatus.{n}")
            .Concat(Enum.GetNames<CertificationLevel>().Select(n => $"CertificationLevel.{n}"))
            .Concat(Enum.GetNames<ClassStatus>().Select(n => $"ClassStatus.{n}"))
            .Concat(Great.Web.Jobs.ReminderJob.Optional.Append(Great.Web.Jobs.ReminderJob.CertificationExpiry).Select(k => $"Reminder.{k}"))
            .Concat(Enum.GetNames<OutboundEmailStatus>().Select(n => $"OutboundEmailStatus.{n}"))
            .Concat(Enum.GetNames<RollupLevel>().Select(n => $"RollupLevel.{n}"))
            .Concat(Enum.GetNames<Great.Web.Curriculum.CompletionStatus>().Select(n => $"CompletionStatus.{n}"))
            .Concat(Enum.GetNames<Great.Web.Imports.ChangeKind>().Select(n => $"ChangeKind.{n}"))
            .Concat(Enum.GetNames<CertificationRule>().Select(n => $"CertificationRule.{n}"))
            .Concat(Enum.GetNames<TrainingCourse>().Select(n => $"TrainingCourse.{n}"))
            .Concat(new[] { "Added", "Modified", "Deleted", Great.Web.Data.AuditInterceptor.Pseudonymised }.Select(n => $"AuditAction.{n}"))
            .Concat(Enum.GetNames<ConsentKind>().Select(n => $"ConsentKind.{n}"))
            .Concat(Enum.GetNames<ConsentStatus>().Select(n => $"ConsentStatus.{n}"))
            .Concat(Enum.GetNames<SubjectRequestKind>().Select(n => $"SubjectRequestKind.{n}"))
            .Concat(Enum.GetNames<NameView>().Select(n => $"NameView.{n}"))
            .Concat(Roles.All.Select(r => $"Role.{r}"))
            .Concat(Enum.GetNames<SecurityEventKind>().Select(n => $"SecurityEvent.{n}"))
            .Concat(SecurityReason.All.Select(r => $"SecurityReason.{r}"))
            .Concat(Enum.GetNames<ObservationOutcome>().Select(n => $"ObservationOutcome.{n}"))
            .Concat(Enum.GetNames<PlaceKind>().Select(n => $"PlaceKind.{n}"))
            .Concat(Enum.GetNames<MemberRole>().Select(n => $"MemberRole.{n}"))
            .Concat(Enum.GetNames<PeriodKind>().Select(n => $"PeriodKind.{n}"))
            .Concat(Enum.GetNames<PaceStatus>().Select(n => $"PaceStatus.{n}"))
            .Concat(Enum.GetNames<RubricPart>().SelectMany(p => Enumerable.Range(Observation.MinScore, Observation.MaxScore).Select(l => $"Rubric.{p}.{l}").Prepend($"Rubric.{p}")))
            .ToList();
        var english = Resx("SharedResource.resx");
        var spanish = Resx("SharedResource.es.resx");
        Assert.All(keys, k => Assert.True(english.ContainsKey(k) && spanish.ContainsKey(k), $"{k} missing in a resource file"));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Great.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Great.sln not found above " + AppContext.BaseDirectory);
    }
}
