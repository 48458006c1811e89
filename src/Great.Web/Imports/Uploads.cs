using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Imports;

/// <summary>
/// The upload → preview → confirm flow every roster import shares (a class's CSV, a school's OneRoster file, a
/// Families group's households, a roster pulled from a school's system): a file is read and checked whole; only a
/// file without a bad row is kept, in the database (any node may confirm it), for the user who sent it, for the place
/// and kind it was sent for, and for a day. The preview and the confirmation find it again only there: another user's,
/// another class's or another kind's upload is not found. Each page stages the kept file its own way and, on
/// confirming, removes it in the same save that applies it.
/// </summary>
public sealed record Uploads(GreatDbContext Db, TimeProvider Time, string UserId, ImportKind Kind, int SchoolId, int? ClassId)
{
    /// <summary>
    /// Reads the file, checks it with <paramref name="check"/> (every bad row, with its line) and keeps it when it has
    /// none. Nothing is kept for a file that is missing, empty, over 10 MB or has a bad row; the errors say why.
    /// </summary>
    public async Task<(PendingImport? Kept, IReadOnlyList<ImportError> Errors)> UploadAsync(IFormFile? file, string noFileMessage,
        Func<string, string> message, Func<string, byte[], IReadOnlyList<ImportError>> check)
    {
        var (content, refused) = await ReadAsync(file, noFileMessage, message);
        if (refused is not null) return (null, [refused]);
        var errors = check(file!.FileName, content!);
        if (errors.Count > 0) return (null, errors);
        return (await KeepAsync(file.FileName, content!), []);
    }

    /// <summary>
    /// Keeps checked content (an upload, or a pulled roster) for its confirmation; the user's uploads older than a day
    /// are dropped. <paramref name="at"/> is when its content was taken, now unless given (a pull's start).
    /// </summary>
    public async Task<PendingImport> KeepAsync(string fileName, byte[] content, DateTimeOffset? at = null)
    {
        var stale = PendingImport.AbandonedBefore(Time.GetUtcNow());
        await Db.PendingImports.Where(p => p.UserId == UserId && p.CreatedAt < stale).ExecuteDeleteAsync();
        var upload = new PendingImport
        {
            Id = Guid.NewGuid(), UserId = UserId, SchoolId = SchoolId, ClassId = ClassId, Kind = Kind,
            FileName = Path.GetFileName(fileName), Content = content, CreatedAt = at ?? Time.GetUtcNow(),
        };
        Db.PendingImports.Add(upload);
        await Db.SaveChangesAsync();
        return upload;
    }

    /// <summary>The kept upload, if it is this user's, of this kind, for this school (and class); null otherwise.</summary>
    public Task<PendingImport?> FindAsync(Guid pending) =>
        Db.PendingImports.FirstOrDefaultAsync(p => p.Id == pending && p.UserId == UserId && p.Kind == Kind && p.SchoolId == SchoolId && p.ClassId == ClassId);

    /// <summary>The file's bytes, or why it is refused (none chosen, empty, over 10 MB).</summary>
    private static async Task<(byte[]? Content, ImportError? Error)> ReadAsync(IFormFile? file, string noFileMessage, Func<string, string> message)
    {
        if (file is null || file.Length == 0) return (null, new ImportError(file?.FileName ?? "", 0, noFileMessage));
        if (file.Length > CsvTable.MaxBytes)
            return (null, new ImportError(file.FileName, 0, message("The file is larger than 10 MB: split it and import the parts.")));
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content);
        return (content, null);
    }
}
