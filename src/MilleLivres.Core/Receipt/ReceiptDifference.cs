using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Receipt;

/// <summary>
/// A receipt line (écart): copies of one carton line that arrived missing, damaged or wrong, with the reason and an
/// optional comment. At most one per carton line. Open until staff resolve it, once, by a write-off or a replacement.
/// </summary>
public class ReceiptDifference : IAudited
{
    public const int CommentMaxLength = 500;
    public const int ResolutionNoteMaxLength = 500;

    private ReceiptDifference()
    {
    }

    internal ReceiptDifference(int cartonLineId, int titleId, int ageBandId, int quantity, DifferenceReason reason, string? comment, DateTime nowUtc, string by)
    {
        CartonLineId = cartonLineId;
        TitleId = titleId;
        AgeBandId = ageBandId;
        Quantity = quantity;
        Reason = reason;
        Comment = comment;
        ReportedAtUtc = nowUtc;
        ReportedBy = by;
    }

    public int Id { get; private set; }
    public int CartonId { get; private set; }
    public int CartonLineId { get; private set; }
    public int TitleId { get; private set; }
    public int AgeBandId { get; private set; }
    public int Quantity { get; private set; }
    public DifferenceReason Reason { get; private set; }
    public string? Comment { get; private set; }
    public DateTime ReportedAtUtc { get; private set; }
    public string ReportedBy { get; private set; } = string.Empty;
    public DifferenceResolution Resolution { get; private set; } = DifferenceResolution.Open;
    public DateTime? ResolvedAtUtc { get; private set; }
    public string? ResolvedBy { get; private set; }
    public string? ResolutionNote { get; private set; }

    /// <summary>The carton that carried the replacement copies, when replaced.</summary>
    public int? ReplacementCartonId { get; private set; }

    public bool IsOpen => Resolution == DifferenceResolution.Open;

    internal bool SameAs(DifferenceInput input) =>
        input.CartonLineId == CartonLineId && input.Quantity == Quantity && input.Reason == Reason && input.Comment == Comment;

    public void WriteOff(string note, DateTime nowUtc, string by)
    {
        EnsureOpen();
        note = (note ?? string.Empty).Trim();
        if (note.Length == 0)
        {
            throw new DomainException("Indiquez la raison de la sortie du stock.", "Note");
        }
        if (note.Length > ResolutionNoteMaxLength)
        {
            throw new DomainException($"La raison ne peut dépasser {ResolutionNoteMaxLength} caractères.", "Note");
        }
        Resolve(DifferenceResolution.WrittenOff, note, nowUtc, by);
    }

    public void Replace(Packing.Carton replacement, DateTime nowUtc, string by)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        EnsureOpen();
        Resolve(DifferenceResolution.Replaced, null, nowUtc, by);
        ReplacementCarton = replacement;
    }

    /// <summary>Navigation for the replacement carton, set with <see cref="Replace"/> (its id exists only once saved).</summary>
    public Packing.Carton? ReplacementCarton { get; private set; }

    /// <summary>Refuses, with the typed exception, a difference already resolved.</summary>
    public void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new DifferenceAlreadyResolvedException(
                $"Cet écart a déjà été traité le {ResolvedAtUtc:dd/MM/yyyy} par {ResolvedBy} ({ReceiptText.Of(Resolution)}).");
        }
    }

    private void Resolve(DifferenceResolution resolution, string? note, DateTime nowUtc, string by)
    {
        Resolution = resolution;
        ResolutionNote = note;
        ResolvedAtUtc = nowUtc;
        ResolvedBy = by;
    }
}
