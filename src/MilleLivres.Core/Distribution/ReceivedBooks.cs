using MilleLivres.Core.Data;
using MilleLivres.Core.Receipt;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Distribution;

/// <summary>
/// Books a town received, per age band, after receipt differences: the lines of every carton received (conforming or
/// with differences, replacement cartons included) minus the copies reported missing, damaged or wrong in them. A
/// carton « non reçu » counts nothing; a carton still awaited counts nothing. This is the one definition of "received"
/// for distributions, progress and reporting.
/// </summary>
public sealed class ReceivedBooks(AppDbContext db)
{
    public sealed record Row(int WaveId, int TownId, int AgeBandId, int Received);

    /// <summary>Received per (wave, town, band) for a wave, optionally one town of it.</summary>
    public async Task<IReadOnlyList<Row>> PerBandAsync(int waveId, int? townId = null, CancellationToken ct = default)
    {
        var cartons = db.Cartons.AsNoTracking()
            .Where(c => c.WaveId == waveId && (townId == null || c.TownId == townId)
                && (c.ReceiptState == CartonReceiptState.Conforming || c.ReceiptState == CartonReceiptState.WithDifferences));
        var lines = await (from c in cartons join l in db.CartonLines on c.Id equals l.CartonId select new { c.TownId, l.AgeBandId, l.Quantity })
            .GroupBy(x => new { x.TownId, x.AgeBandId })
            .Select(g => new { g.Key.TownId, g.Key.AgeBandId, Quantity = g.Sum(x => x.Quantity) })
            .ToListAsync(ct);
        var differences = await (from c in cartons join d in db.ReceiptDifferences on c.Id equals d.CartonId select new { c.TownId, d.AgeBandId, d.Quantity })
            .GroupBy(x => new { x.TownId, x.AgeBandId })
            .Select(g => new { g.Key.TownId, g.Key.AgeBandId, Quantity = g.Sum(x => x.Quantity) })
            .ToListAsync(ct);
        return lines
            .Select(l => new Row(waveId, l.TownId, l.AgeBandId,
                l.Quantity - (differences.FirstOrDefault(d => d.TownId == l.TownId && d.AgeBandId == l.AgeBandId)?.Quantity ?? 0)))
            .ToList();
    }

    /// <summary>
    /// Received per (wave, band) over every wave at once, in two grouped queries (reporting): the same definition as
    /// <see cref="PerBandAsync"/>, summed in 64 bits.
    /// </summary>
    public async Task<IReadOnlyDictionary<(int WaveId, int AgeBandId), long>> PerWaveAndBandAsync(CancellationToken ct = default)
    {
        var cartons = db.Cartons.AsNoTracking()
            .Where(c => c.ReceiptState == CartonReceiptState.Conforming || c.ReceiptState == CartonReceiptState.WithDifferences);
        var lines = await (from c in cartons join l in db.CartonLines on c.Id equals l.CartonId select new { c.WaveId, l.AgeBandId, l.Quantity })
            .GroupBy(x => new { x.WaveId, x.AgeBandId })
            .Select(g => new { g.Key.WaveId, g.Key.AgeBandId, Quantity = g.Sum(x => (long)x.Quantity) })
            .ToListAsync(ct);
        var differences = await (from c in cartons join d in db.ReceiptDifferences on c.Id equals d.CartonId select new { c.WaveId, d.AgeBandId, d.Quantity })
            .GroupBy(x => new { x.WaveId, x.AgeBandId })
            .Select(g => new { g.Key.WaveId, g.Key.AgeBandId, Quantity = g.Sum(x => (long)x.Quantity) })
            .ToDictionaryAsync(x => (x.WaveId, x.AgeBandId), x => x.Quantity, ct);
        return lines.ToDictionary(l => (l.WaveId, l.AgeBandId), l => l.Quantity - differences.GetValueOrDefault((l.WaveId, l.AgeBandId)));
    }

    /// <summary>Received per band for one town's delivery in a wave (bands with nothing received are absent).</summary>
    public async Task<IReadOnlyDictionary<int, int>> ForTownAsync(int waveId, int townId, CancellationToken ct = default) =>
        (await PerBandAsync(waveId, townId, ct)).ToDictionary(r => r.AgeBandId, r => r.Received);

    /// <summary>The first day a carton of the delivery arrived (conforming or with differences); null when none has.</summary>
    public Task<DateOnly?> FirstReceiptOnAsync(int waveId, int townId, CancellationToken ct = default) =>
        db.Cartons.AsNoTracking()
            .Where(c => c.WaveId == waveId && c.TownId == townId
                && (c.ReceiptState == CartonReceiptState.Conforming || c.ReceiptState == CartonReceiptState.WithDifferences))
            .MinAsync(c => c.ReceivedOn, ct);
}
