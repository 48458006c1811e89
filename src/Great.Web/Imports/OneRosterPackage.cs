using System.IO.Compression;

namespace Great.Web.Imports;

/// <summary>
/// A OneRoster roster (bulk or delta): a 1.1 or 1.2 CSV export checked file by file and line by line, or a pull from a
/// OneRoster 1.2 REST service (<c>Sync/OneRosterClient</c>) put in the same shape. Great reads orgs, classes, users and
/// enrollments (and, in 1.2, the roles that say who is a student); whatever else it carries is listed as ignored, never stored.
/// </summary>
public sealed class OneRosterPackage
{
    public required IReadOnlyDictionary<string, string> Manifest { get; init; }
    public required IReadOnlyList<Org> Orgs { get; init; }
    public required IReadOnlyList<RosterClass> Classes { get; init; }
    public required IReadOnlyList<User> Users { get; init; }
    public required IReadOnlyList<Enrollment> Enrollments { get; init; }
    public required IReadOnlyList<string> Ignored { get; init; }

    public bool IsDelta(string file) => Manifest.GetValueOrDefault($"file.{file}") == "delta";

    public sealed record Org(int Line, string SourcedId, string Name, string Type, string Identifier);
    public sealed record RosterClass(int Line, string SourcedId, bool Deleted, string Title, string Grades, string ClassCode, string SchoolSourcedId);
    public sealed record User(int Line, string SourcedId, bool Deleted, string Role, string GivenName, string FamilyName, string Identifier);
    public sealed record Enrollment(int Line, string SourcedId, bool Deleted, string ClassSourcedId, string UserSourcedId, string Role);

    private static readonly string[] Needed = ["orgs", "classes", "users", "enrollments"];
    private static readonly string[] Versions = ["1.1", "1.2"];
    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["orgs"] = ["sourcedId", "status", "dateLastModified", "name", "type"],
        ["classes"] = ["sourcedId", "status", "dateLastModified", "title", "courseSourcedId", "classType", "schoolSourcedId", "termSourcedIds"],
        ["users"] = ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "givenName", "familyName"],
        ["enrollments"] = ["sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"],
    };
    // What Great reads of each file; every other column is reported as ignored.
    private static readonly Dictionary<string, string[]> Used = new()
    {
        ["orgs"] = ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"],
        ["classes"] = ["sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType", "schoolSourcedId", "termSourcedIds"],
        ["users"] = ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "givenName", "familyName", "identifier"],
        ["enrollments"] = ["sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate"],
    };
    // OneRoster 1.2 took role and orgSourcedIds out of users.csv: a user's roles are rows of roles.csv (optional here,
    // since enrollments say who studies in a class). The other files Great reads kept their columns.
    private static readonly string[] RequiredUsers12 = ["sourcedId", "status", "dateLastModified", "enabledUser", "username", "givenName", "familyName"];
    private static readonly string[] UsedUsers12 = ["sourcedId", "status", "dateLastModified", "enabledUser", "username", "givenName", "familyName", "identifier"];
    private static readonly string[] RequiredRoles12 = ["sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "orgSourcedId"];
    private static readonly string[] UsedRoles12 = ["sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "orgSourcedId", "beginDate", "endDate"];
    private static readonly string[] OrgTypes = ["district", "school", "department", "local", "state", "national"];
    private static readonly string[] UserRoles = ["administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"];
    private static readonly string[] EnrollmentRoles = ["administrator", "proctor", "student", "teacher"];
    private static readonly string[] ClassTypes = ["homeroom", "scheduled"];

    public static IReadOnlyList<ImportError> Parse(string zipName, byte[] content, Func<string, string> message, out OneRosterPackage? package)
    {
        package = null;
        Dictionary<string, byte[]> files;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            files = new(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)))
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                files[entry.Name] = buffer.ToArray();
            }
        }
        catch (InvalidDataException)
        {
            return [new(zipName, 0, message("This is not a zip file: a OneRoster export is a .zip of CSV files."))];
        }

        if (!files.TryGetValue("manifest.csv", out var manifestBytes))
            return [new(zipName, 0, message("The zip has no manifest.csv."))];
        var errors = CsvTable.TryRead("manifest.csv", manifestBytes, ["propertyName", "value"], message, out var manifestTable).ToList();
        if (manifestTable is null) return errors;
        var manifest = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in manifestTable.Rows) manifest[row["propertyName"]] = row["value"].ToLowerInvariant();
        var version = manifest.GetValueOrDefault("oneroster.version", "");
        if (!Versions.Contains(version))
            errors.Add(new("manifest.csv", 0, message("manifest.csv must say oneroster.version 1.1 or 1.2.")));
        var v12 = version == "1.2";
        var required = new Dictionary<string, string[]>(Required);
        var used = new Dictionary<string, string[]>(Used);
        var needed = Needed.ToList();
        if (v12)
        {
            required["users"] = RequiredUsers12;
            used["users"] = UsedUsers12;
            required["roles"] = RequiredRoles12;
            used["roles"] = UsedRoles12;
            if (manifest.GetValueOrDefault("file.roles") is "bulk" or "delta") needed.Add("roles");
        }

        var tables = new Dictionary<string, CsvTable>();
        foreach (var name in needed)
        {
            var mode = manifest.GetValueOrDefault($"file.{name}", "absent");
            if (mode is not ("bulk" or "delta"))
            {
                errors.Add(new("manifest.csv", 0, string.Format(message("{0}.csv is needed: the manifest must mark it bulk or delta."), name)));
                continue;
            }
            if (!files.TryGetValue($"{name}.csv", out var bytes))
            {
                errors.Add(new(zipName, 0, string.Format(message("The manifest lists {0}.csv but the zip does not contain it."), name)));
                continue;
            }
            errors.AddRange(CsvTable.TryRead($"{name}.csv", bytes, required[name], message, out var table));
            if (table is not null) tables[name] = table;
        }
        if (tables.Count < needed.Count) return errors;

        var ignored = new List<string>();
        foreach (var (name, table) in tables)
        {
            var others = table.ColumnsOtherThan(used[name]);
            if (others.Count > 0) ignored.Add($"{name}.csv: {string.Join(", ", others)}");
        }
        ignored.AddRange(files.Keys.Where(f => f != "manifest.csv" && !needed.Any(n => f.Equals($"{n}.csv", StringComparison.OrdinalIgnoreCase)))
            .Order().Select(f => string.Format(message("{0} (not read)"), f)));

        var check = new Checker(errors, message, manifest);
        var orgs = tables["orgs"].Rows.Select(r => check.Row("orgs", r, ["sourcedId", "name", "type"]) is false ? null
            : check.OneOf("orgs", r, "type", OrgTypes) ? new Org(r.Line, r["sourcedId"], r["name"], r["type"].ToLowerInvariant(), r["identifier"]) : null)
            .OfType<Org>().ToList();
        var classes = tables["classes"].Rows.Select(r => check.Row("classes", r, ["sourcedId", "title", "courseSourcedId", "classType", "schoolSourcedId", "termSourcedIds"]) is false ? null
            : check.OneOf("classes", r, "classType", ClassTypes)
                ? new RosterClass(r.Line, r["sourcedId"], Deleted(r), r["title"], r["grades"], r["classCode"], r["schoolSourcedId"]) : null)
            .OfType<RosterClass>().ToList();
        var enrollments = tables["enrollments"].Rows.Select(r => check.Row("enrollments", r, ["sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"]) is false ? null
            : check.OneOf("enrollments", r, "role", v12 ? UserRoles : EnrollmentRoles) & check.Dates("enrollments", r, "beginDate", "endDate")
                ? new Enrollment(r.Line, r["sourcedId"], Deleted(r), r["classSourcedId"], r["userSourcedId"], r["role"].ToLowerInvariant()) : null)
            .OfType<Enrollment>().ToList();
        var roleOf = v12 ? RolesOf12(tables.GetValueOrDefault("roles"), enrollments, check) : null;
        string[] userValues = v12 ? [.. RequiredUsers12.Except(["status", "dateLastModified"])]
            : ["sourcedId", "enabledUser", "orgSourcedIds", "role", "username", "givenName", "familyName"];
        var users = tables["users"].Rows.Select(r => check.Row("users", r, userValues) is false ? null
            : (v12 || check.OneOf("users", r, "role", UserRoles)) & check.OneOf("users", r, "enabledUser", ["true", "false"])
                ? new User(r.Line, r["sourcedId"], Deleted(r), roleOf is null ? r["role"].ToLowerInvariant() : roleOf.GetValueOrDefault(r["sourcedId"], ""),
                    r["givenName"].Normalize(System.Text.NormalizationForm.FormC), r["familyName"], r["identifier"]) : null)
            .OfType<User>().ToList();

        check.Unique("orgs", orgs.Select(o => (o.SourcedId, o.Line)));
        check.Unique("classes", classes.Select(o => (o.SourcedId, o.Line)));
        check.Unique("users", users.Select(o => (o.SourcedId, o.Line)));
        check.Unique("enrollments", enrollments.Select(o => (o.SourcedId, o.Line)));
        foreach (var user in users.Where(u => u.Role == "student" && !u.Deleted && !char.IsLetter(u.FamilyName.FirstOrDefault())))
        {
            errors.Add(new("users.csv", user.Line, message("The family name must start with a letter.")));
        }
        // In a bulk export every reference must be in the export itself.
        // Against every id the files hold, valid row or not: a bad user row is reported once, not again on each enrollment.
        var classIds = tables["classes"].Rows.Select(r => r["sourcedId"]).ToHashSet();
        var userIds = tables["users"].Rows.Select(r => r["sourcedId"]).ToHashSet();
        foreach (var e in enrollments.Where(e => !e.Deleted))
        {
            if (!classIds.Contains(e.ClassSourcedId) && !IsDeltaFile(manifest, "classes"))
                errors.Add(new("enrollments.csv", e.Line, string.Format(message("Unknown class {0}: it is not in classes.csv."), e.ClassSourcedId)));
            if (!userIds.Contains(e.UserSourcedId) && !IsDeltaFile(manifest, "users"))
                errors.Add(new("enrollments.csv", e.Line, string.Format(message("Unknown user {0}: it is not in users.csv."), e.UserSourcedId)));
        }
        if (errors.Count > 0) return errors;

        package = new OneRosterPackage { Manifest = manifest, Orgs = orgs, Classes = classes, Users = users, Enrollments = enrollments, Ignored = ignored };
        return errors;
    }

    /// <summary>
    /// A 1.2 user's role: "student" when roles.csv (or, without it, an enrollment) makes them one anywhere, else their
    /// primary role in roles.csv. Great only asks whether a user is a student.
    /// </summary>
    private static Dictionary<string, string> RolesOf12(CsvTable? roles, IEnumerable<Enrollment> enrollments, Checker check)
    {
        var result = new Dictionary<string, string>();
        if (roles is null)
        {
            foreach (var e in enrollments.Where(e => e.Role == "student" && !e.Deleted)) result[e.UserSourcedId] = "student";
            return result;
        }
        foreach (var r in roles.Rows)
        {
            if (!check.Row("roles", r, ["sourcedId", "userSourcedId", "roleType", "role", "orgSourcedId"])
                || !(check.OneOf("roles", r, "role", UserRoles) & check.OneOf("roles", r, "roleType", ["primary", "secondary"]))
                || Deleted(r)) continue;
            var role = r["role"].ToLowerInvariant();
            var user = r["userSourcedId"];
            if (role == "student" || (!result.ContainsKey(user) && r["roleType"].Equals("primary", StringComparison.OrdinalIgnoreCase))) result[user] = role;
            else result.TryAdd(user, role);
        }
        return result;
    }

    /// <summary>Every record whose sourcedId an earlier one of the same file (or collection) already has.</summary>
    public static IEnumerable<ImportError> Duplicates(string file, IEnumerable<(string SourcedId, int Line)> rows, Func<string, string> message)
    {
        var seen = new Dictionary<string, int>();
        foreach (var (id, line) in rows)
        {
            if (seen.TryGetValue(id, out var first)) yield return new(file, line, string.Format(message("Duplicate sourcedId {0}: also on line {1}."), id, first));
            else seen[id] = line;
        }
    }

    private static bool IsDeltaFile(IReadOnlyDictionary<string, string> manifest, string file) => manifest.GetValueOrDefault($"file.{file}") == "delta";

    private static bool Deleted(CsvTable.CsvRecord r) => r["status"].Equals("tobedeleted", StringComparison.OrdinalIgnoreCase);

    private sealed class Checker(List<ImportError> errors, Func<string, string> message, IReadOnlyDictionary<string, string> manifest)
    {
        public bool Row(string file, CsvTable.CsvRecord r, string[] required)
        {
            var ok = true;
            foreach (var column in required.Where(c => r[c].Length == 0))
            {
                errors.Add(new($"{file}.csv", r.Line, string.Format(message("{0} is missing."), column)));
                ok = false;
            }
            if (manifest.GetValueOrDefault($"file.{file}") == "delta")
            {
                if (r["status"].ToLowerInvariant() is not ("active" or "tobedeleted"))
                {
                    errors.Add(new($"{file}.csv", r.Line, message("status must be active or tobedeleted in a delta file.")));
                    ok = false;
                }
                if (!DateTimeOffset.TryParse(r["dateLastModified"], System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    errors.Add(new($"{file}.csv", r.Line, message("dateLastModified is missing or not a date.")));
                    ok = false;
                }
            }
            return ok;
        }

        public bool OneOf(string file, CsvTable.CsvRecord r, string column, string[] allowed)
        {
            if (allowed.Contains(r[column].ToLowerInvariant())) return true;
            errors.Add(new($"{file}.csv", r.Line, string.Format(message("{0} '{1}' is not one of: {2}."), column, r[column], string.Join(", ", allowed))));
            return false;
        }

        public bool Dates(string file, CsvTable.CsvRecord r, params string[] columns)
        {
            var ok = true;
            foreach (var column in columns.Where(c => r[c].Length > 0))
            {
                if (DateOnly.TryParseExact(r[column], "yyyy-MM-dd", out _)) continue;
                errors.Add(new($"{file}.csv", r.Line, string.Format(message("{0} '{1}' is not a date like 2026-02-01."), column, r[column])));
                ok = false;
            }
            return ok;
        }

        public void Unique(string file, IEnumerable<(string SourcedId, int Line)> rows) => errors.AddRange(Duplicates($"{file}.csv", rows, message));
    }
}
