using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Packing;

/// <summary>
/// Builds a town's packing slip from the database: wave, town, delivery address, coordinator, and the cartons made
/// from the confirmed allocation by <see cref="CartonPlanner"/> (made once, reused while the allocation is the same).
/// The slip's date is the day its cartons were made, so producing it again gives the same slip.
/// </summary>
public sealed class DatabasePackingSlipSource(AppDbContext db, CartonPlanner planner) : IPackingSlipSource
{
    public async Task<PackingSlipModel> BuildAsync(int waveId, int townId, CancellationToken ct)
    {
        var wave = await db.Waves.AsNoTracking().FirstOrDefaultAsync(w => w.Id == waveId, ct)
            ?? throw new DomainException("Cette vague n'existe plus.", "Wave");
        wave.EnsureSlipsCanBeProduced();
        // The town and whether it has an allocation, in one query.
        var town = await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == waveId && t.TownId == townId)
            .Select(t => new
            {
                t.Town.Name, t.Town.CiteEducativeName, t.Town.DeliveryAddress, t.Town.CoordinatorContact,
                Allocated = db.AllocationLines.Any(l => l.WaveId == waveId && l.TownId == townId),
            })
            .FirstOrDefaultAsync(ct)
            ?? throw new DomainException("Cette ville ne fait pas partie de la vague.", "Town");
        if (!town.Allocated)
        {
            throw new DomainException(
                $"La dotation de cette ville n'est pas encore disponible : aucune ligne de dotation confirmée pour {town.Name} dans cette vague.", "Allocation");
        }
        if (town.DeliveryAddress is null || town.DeliveryAddress.IsEmpty)
        {
            throw new DomainException(
                $"Adresse de livraison manquante pour {town.Name} : complétez la fiche de la ville, puis relancez.", "DeliveryAddress");
        }

        // The cartons with their books as the allocation describes them: no second read of the titles or the bands.
        var made = await planner.EnsureForSlipAsync(waveId, townId, ct);
        var slipCartons = made.Cartons.Select(c => c with
            {
                Lines = c.Lines
                    .OrderBy(l => l.AgeBandOrder).ThenBy(l => l.Title, StringComparer.CurrentCulture).ThenBy(l => l.Isbn, StringComparer.Ordinal)
                    .ToList(),
            })
            .ToList();

        var address = town.DeliveryAddress;
        var addressText = string.Join("\n", new[]
        {
            address.Structure,
            address.Street,
            string.Join(" ", new[] { address.Postcode, address.City }.Where(s => !string.IsNullOrWhiteSpace(s))),
        }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var coordinator = town.CoordinatorContact ?? Contact.Empty;
        var contact = string.Join(" — ", new[] { coordinator.Email, coordinator.Phone }.Where(s => !string.IsNullOrWhiteSpace(s)));

        return new PackingSlipModel(
            wave.Name,
            town.Name,
            town.CiteEducativeName,
            addressText,
            address.AccessNotes,
            string.IsNullOrWhiteSpace(coordinator.Name) ? "non renseigné" : coordinator.Name,
            contact.Length == 0 ? null : contact,
            DateOnly.FromDateTime(made.MadeAtUtc),
            slipCartons);
    }
}
