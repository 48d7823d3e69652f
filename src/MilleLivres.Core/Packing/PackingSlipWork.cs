using System.Text.Json;
using MilleLivres.Core.Data;
using MilleLivres.Core.Documents;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Work;

namespace MilleLivres.Core.Packing;

/// <summary>
/// Builds the <see cref="PackingSlipModel"/> of one town in one wave from the database (allocation, cartons, delivery
/// address): <see cref="DatabasePackingSlipSource"/>. Throws a <see cref="DomainException"/> with a French reason when
/// the slip cannot be made; the work row keeps it for staff.
/// </summary>
public interface IPackingSlipSource
{
    Task<PackingSlipModel> BuildAsync(int waveId, int townId, CancellationToken ct);
}

/// <summary>
/// The "produce the packing slip of a town" job: one work row per (wave, town). Running it twice stores one PDF,
/// because the document store keeps one document per (kind, wave and town) and replaces it.
/// </summary>
public sealed class PackingSlipWork(IPackingSlipSource source, PackingSlipRenderer renderer, DocumentStore documents) : IWorkHandler
{
    public const string WorkKind = "packing-slip";
    public const string DocumentKind = "packing-slip";

    public sealed record Target(int WaveId, int TownId);

    public string Kind => WorkKind;

    public static string Key(int waveId, int townId) => $"packing-slip:wave:{waveId}:town:{townId}";

    public static string Group(int waveId) => $"packing-slips:wave:{waveId}";

    public static string OwnerKey(int waveId, int townId) => $"wave:{waveId}:town:{townId}";

    /// <summary>Adds one work row per town to <paramref name="db"/> (not saved: save with the business change, then enqueue).</summary>
    public static async Task<IReadOnlyList<WorkItem>> RequestForWaveAsync(WorkQueue queue, AppDbContext db, int waveId, IEnumerable<int> townIds, CancellationToken ct = default)
    {
        // The wave's rows read in one query (RequestManyAsync), not one look-up per town.
        var requests = townIds.Distinct().Select(townId => (Key(waveId, townId), (object)new Target(waveId, townId))).ToList();
        return await queue.RequestManyAsync(db, WorkKind, Group(waveId), requests, ct);
    }

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var target = JsonSerializer.Deserialize<Target>(item.Payload)
            ?? throw new InvalidOperationException($"Work item {item.Id}: empty payload.");
        var slip = await source.BuildAsync(target.WaveId, target.TownId, ct);
        var pdf = renderer.Render(slip);
        await documents.SaveAsync(DocumentKind, OwnerKey(target.WaveId, target.TownId), target.WaveId, target.TownId,
            FileName(slip), pdf, ct: ct);
    }

    /// <summary>"bordereau-vague-2-herouville-saint-clair.pdf": ASCII, so every browser and OS keeps it.</summary>
    public static string FileName(PackingSlipModel slip) => $"bordereau-{Slug(slip.WaveName)}-{Slug(slip.TownName)}.pdf";

    private static string Slug(string text)
    {
        var normalized = text.Normalize(System.Text.NormalizationForm.FormD);
        var chars = normalized
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : c == 'œ' || c == 'Œ' ? 'o' : '-')
            .ToArray();
        var slug = string.Join("-", new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 60 ? slug[..60] : slug;
    }
}
