using System.Security.Cryptography;
using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Documents;

/// <summary>Stores generated PDFs in the database, one per (kind, owner): saving again replaces, never duplicates.</summary>
public sealed class DocumentStore(AppDbContext db, TimeProvider clock)
{
    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public async Task<GeneratedDocument> SaveAsync(string kind, string ownerKey, int? waveId, int? townId, string fileName, byte[] content,
        string contentType = "application/pdf", CancellationToken ct = default)
    {
        var document = await db.Set<GeneratedDocument>().FirstOrDefaultAsync(d => d.Kind == kind && d.OwnerKey == ownerKey, ct);
        if (document is null)
        {
            document = new GeneratedDocument(kind, ownerKey, waveId, townId);
            db.Add(document);
        }
        document.Replace(fileName, contentType, content, Sha256Of(content), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return document;
    }

    /// <summary>What a download needs, without the bytes of every other document.</summary>
    public sealed record Download(long Id, int? TownId, string FileName, string ContentType, string Sha256, byte[] Content);

    public Task<Download?> FindAsync(long id, CancellationToken ct = default) =>
        db.Set<GeneratedDocument>().AsNoTracking().Where(d => d.Id == id)
            .Select(d => new Download(d.Id, d.TownId, d.FileName, d.ContentType, d.Sha256, d.Content))
            .FirstOrDefaultAsync(ct);
}
