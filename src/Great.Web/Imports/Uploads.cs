using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Imports;

/// <summary>Reading an uploaded roster file and keeping it until its preview is confirmed.</summary>
public static class Uploads
{
    /// <summary>The file's bytes, or why it is refused (none chosen, empty, over 10 MB).</summary>
    public static async Task<(byte[]? Content, ImportError? Error)> ReadAsync(IFormFile? file, string noFileMessage, Func<string, string> message)
    {
        if (file is null || file.Length == 0) return (null, new ImportError(file?.FileName ?? "", 0, noFileMessage));
        if (file.Length > CsvTable.MaxBytes)
            return (null, new ImportError(file.FileName, 0, message("The file is larger than 10 MB: split it and import the parts.")));
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content);
        return (content, null);
    }

    /// <summary>
    /// Keeps a checked upload (or a pulled roster) for its confirmation; the user's uploads older than a day are dropped.
    /// <paramref name="at"/> is when its content was taken, now unless given (a pull's start).
    /// </summary>
    public static async Task<PendingImport> KeepAsync(GreatDbContext db, TimeProvider time, string userId, int schoolId, int? classId,
        ImportKind kind, string fileName, byte[] content, DateTimeOffset? at = null)
    {
        var stale = PendingImport.AbandonedBefore(time.GetUtcNow());
        await db.PendingImports.Where(p => p.UserId == userId && p.CreatedAt < stale).ExecuteDeleteAsync();
        var upload = new PendingImport
        {
            Id = Guid.NewGuid(), UserId = userId, SchoolId = schoolId, ClassId = classId, Kind = kind,
            FileName = Path.GetFileName(fileName), Content = content, CreatedAt = at ?? time.GetUtcNow(),
        };
        db.PendingImports.Add(upload);
        await db.SaveChangesAsync();
        return upload;
    }
}
