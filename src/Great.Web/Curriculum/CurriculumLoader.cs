using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Great.Web.Curriculum;

/// <summary>A curriculum file is wrong: the message names the file, the line and what is wrong.</summary>
public sealed class CurriculumException(string message) : Exception(message);

/// <summary>
/// Reads curriculum/*.yaml. Walks the YAML node tree by hand rather than deserialising, so that every
/// complaint can point at the line it is about.
/// </summary>
public static class CurriculumLoader
{
    /// <summary>More activities than this is a list of steps, not of activities; a record keeps their numbers in one short column.</summary>
    public const int MaxActivities = 12;

    public static CurriculumCatalogue LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new CurriculumException($"Curriculum folder not found: {folder}");
        var files = Directory.GetFiles(folder, "*.yaml").Concat(Directory.GetFiles(folder, "*.yml")).Order().ToList();
        if (files.Count == 0)
            throw new CurriculumException($"No curriculum files (*.yaml) in {folder}");

        var components = files.Select(f => LoadFile(f, File.ReadAllText(f))).ToList();
        var clash = components.GroupBy(c => (c.Code, c.Edition)).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new CurriculumException(
                $"{string.Join(" and ", clash.Select(c => Path.GetFileName(c.SourceFile)))}: both define {clash.Key.Code} edition {clash.Key.Edition}");
        return new CurriculumCatalogue(components);
    }

    public static CurriculumComponent LoadFile(string path, string yaml)
    {
        var file = Path.GetFileName(path);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new CurriculumException($"{file}, line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // Some syntax errors surface without a position: read the events again to find where parsing stopped.
            throw new CurriculumException($"{file}, line {LastParsedLine(yaml)}: not valid YAML ({e.Message})");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new CurriculumException($"{file}, line 1: expected a mapping with code, edition, name, lessons");

        var reader = new Reader(file);
        var code = reader.String(root, "code");
        var edition = reader.String(root, "edition");
        var order = reader.Child(root, "order") is null ? int.MaxValue : reader.Int(root, "order");
        var name = reader.Text(root, "name");
        var audience = reader.Text(root, "audience");
        var grades = reader.Sequence(root, "grades", required: false).Select(n => reader.Scalar(n, "grades")).ToList();

        var lessonNodes = reader.Sequence(root, "lessons", required: true);
        if (lessonNodes.Count == 0) throw reader.Error(root, "lessons: at least one lesson is needed");
        var lessons = new List<Lesson>();
        foreach (var node in lessonNodes)
        {
            if (node is not YamlMappingNode lesson) throw reader.Error(node, "each lesson must be a mapping");
            var number = reader.Int(lesson, "number");
            if (number != lessons.Count + 1)
                throw reader.Error(lesson, $"lesson number {number} out of order: expected {lessons.Count + 1}");
            var objectives = reader.Sequence(lesson, "objectives", required: true)
                .Select(o => o is YamlMappingNode m ? reader.Text(m) : throw reader.Error(o, "an objective needs en and es"))
                .ToList();
            if (objectives.Count == 0) throw reader.Error(lesson, $"lesson {number}: at least one objective is needed");
            var minutes = reader.Int(lesson, "minutes");
            if (!Lesson.IsLength(minutes))
                throw reader.Error(reader.Child(lesson, "minutes")!, $"lesson {number}: minutes must be between 1 and {Lesson.MaxMinutes}, not {minutes}");
            var activities = reader.Sequence(lesson, "activities", required: true)
                .Select(a => a is YamlMappingNode m ? reader.Text(m) : throw reader.Error(a, "an activity needs en and es"))
                .ToList();
            if (activities.Count == 0) throw reader.Error(lesson, $"lesson {number}: at least one activity is needed");
            if (activities.Count > MaxActivities) throw reader.Error(reader.Child(lesson, "activities")!, $"lesson {number}: at most {MaxActivities} activities");
            var twice = activities.GroupBy(a => a.En, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) throw reader.Error(reader.Child(lesson, "activities")!, $"lesson {number}: the activity '{twice.Key}' is listed twice");
            lessons.Add(new Lesson(number, reader.Text(lesson, "title"), reader.Text(lesson, "purpose"), objectives, minutes, activities));
        }

        var completionNode = reader.Child(root, "completion") as YamlMappingNode
            ?? throw reader.Error(root, "completion: a mapping with minimumLessons and requiresLastLesson is needed");
        var minimum = reader.Int(completionNode, "minimumLessons");
        if (minimum < 1 || minimum > lessons.Count)
            throw reader.Error(reader.Child(completionNode, "minimumLessons")!,
                $"minimumLessons must be between 1 and the number of lessons ({lessons.Count}), not {minimum}");
        var requiresLast = reader.Bool(completionNode, "requiresLastLesson");

        // A component taught to households (Families): a session counts for a household when this many adults and youth of it came.
        HouseholdRule? households = null;
        if (reader.Child(completionNode, "households") is { } householdsNode)
        {
            if (householdsNode is not YamlMappingNode mapping) throw reader.Error(householdsNode, "households: a mapping with adults and youth is needed");
            var adults = reader.Int(mapping, "adults");
            var youth = reader.Int(mapping, "youth");
            if (adults < 0 || youth < 0 || adults + youth == 0)
                throw reader.Error(mapping, $"households: adults and youth must be 0 or more, and not both 0 (adults {adults}, youth {youth})");
            households = new HouseholdRule(adults, youth);
        }

        return new CurriculumComponent(code, edition, name, audience, grades, new CompletionRule(minimum, requiresLast), lessons, path)
            { Order = order, Households = households };
    }

    private static long LastParsedLine(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        long line = 1;
        try
        {
            while (parser.MoveNext()) line = parser.Current?.End.Line ?? line;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            if (e is YamlException y) line = y.Start.Line;
        }
        return line;
    }

    private sealed class Reader(string file)
    {
        public CurriculumException Error(YamlNode node, string message) =>
            new($"{file}, line {node.Start.Line}: {message}");

        public YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        public string Scalar(YamlNode node, string what) =>
            node is YamlScalarNode { Value: { Length: > 0 } value } ? value.Trim() : throw Error(node, $"{what}: a value is needed");

        public string String(YamlMappingNode map, string key) =>
            Child(map, key) is { } node ? Scalar(node, key) : throw Error(map, $"'{key}' is missing");

        public int Int(YamlMappingNode map, string key)
        {
            var text = String(map, key);
            return int.TryParse(text, out var value) ? value : throw Error(Child(map, key)!, $"{key}: '{text}' is not a whole number");
        }

        public bool Bool(YamlMappingNode map, string key)
        {
            var text = String(map, key);
            return bool.TryParse(text, out var value) ? value : throw Error(Child(map, key)!, $"{key}: '{text}' is not true or false");
        }

        public IReadOnlyList<YamlNode> Sequence(YamlMappingNode map, string key, bool required)
        {
            var node = Child(map, key);
            if (node is null) return required ? throw Error(map, $"'{key}' is missing") : [];
            return node is YamlSequenceNode seq ? seq.Children.ToList() : throw Error(node, $"{key}: a list is needed");
        }

        public LocalizedText Text(YamlMappingNode map, string key)
        {
            var node = Child(map, key) ?? throw Error(map, $"'{key}' is missing");
            return node is YamlMappingNode m ? Text(m) : throw Error(node, $"{key}: needs en and es");
        }

        /// <summary>Exactly en and es: an extra key is most often an unquoted comma splitting a text in two.</summary>
        public LocalizedText Text(YamlMappingNode map)
        {
            var extra = map.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => !Great.Web.Domain.Languages.IsSupported(k.Value));
            if (extra is not null)
                throw Error(extra, $"unexpected '{extra.Value}' beside en and es (quote a text that contains a comma)");
            return new(String(map, "en"), String(map, "es"));
        }
    }
}
