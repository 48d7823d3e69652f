using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Applications;

/// <summary>
/// A town on Ville &amp; Banlieue's membership list, as Biblionef staff keep it. Applicants say whether their town
/// is a member; staff see when the claim and this list disagree.
/// </summary>
public class VilleBanlieueMember : IAudited
{
    private VilleBanlieueMember()
    {
    }

    public VilleBanlieueMember(string inseeCode, string townName, DateTime addedAtUtc)
    {
        InseeCode = Domain.InseeCode.Parse(inseeCode);
        townName = (townName ?? string.Empty).Trim();
        if (townName.Length == 0)
        {
            throw new DomainException("Indiquez le nom de la ville.", "TownName");
        }
        if (townName.Length > Town.NameMaxLength)
        {
            throw new DomainException($"Le nom de la ville ne peut dépasser {Town.NameMaxLength} caractères.", "TownName");
        }
        TownName = townName;
        AddedAtUtc = addedAtUtc;
    }

    public int Id { get; private set; }
    public string InseeCode { get; private set; } = string.Empty;
    public string TownName { get; private set; } = string.Empty;
    public DateTime AddedAtUtc { get; private set; }
}
