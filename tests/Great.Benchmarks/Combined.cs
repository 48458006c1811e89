using System.Text;

namespace Great.Benchmarks;

/// <summary>
/// One table from several runs (each run's .tsv beside its .md): a row per scenario, a column per run, the target
/// once. A scenario's label is the first run's that has it (its counts are that run's).
/// </summary>
internal static class Combined
{
    public static async Task<int> WriteAsync(string output, string runs)
    {
        var columns = new List<(string Name, string[] Header, Dictionary<string, string[]> Rows)>();
        var order = new List<string>();
        foreach (var run in runs.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, file) = (run[..run.IndexOf('=')], run[(run.IndexOf('=') + 1)..]);
            var lines = await File.ReadAllLinesAsync(file);
            var rows = lines.Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToDictionary(f => f[0]);
            order.AddRange(rows.Keys.Where(k => !order.Contains(k)));
            columns.Add((name, lines.Where(l => l.StartsWith('#')).Select(l => l[2..]).ToArray(), rows));
        }
        var text = new StringBuilder();
        foreach (var (name, header, _) in columns) text.AppendLine($"- **{name}**: {string.Join(" Dataset: ", header)}");
        text.AppendLine();
        text.AppendLine($"| scenario | target | {string.Join(" | ", columns.Select(c => c.Name))} |");
        text.AppendLine($"|---|---|{string.Concat(columns.Select(_ => "---|"))}");
        foreach (var key in order)
        {
            var first = columns.Select(c => c.Rows.GetValueOrDefault(key)).First(r => r is not null)!;
            var cells = columns.Select(c => c.Rows.TryGetValue(key, out var r) ? r[2] + (r[4] is { Length: > 0 } met ? $" ({met})" : "") : "—");
            text.AppendLine($"| {first[1]} | {first[3]} | {string.Join(" | ", cells)} |");
        }
        await File.WriteAllTextAsync(output, text.ToString());
        Console.WriteLine(text);
        return 0;
    }
}
