namespace MilleLivres.Core.Documents;

/// <summary>
/// A PDF the app made (a packing slip…), stored with its SHA-256 so a download can be checked and a re-run that
/// produces the same bytes is recognised. One row per (kind, owner key): making it again replaces the content.
/// </summary>
public class GeneratedDocument
{
    public const int KindMaxLength = 64;
    public const int OwnerKeyMaxLength = 200;
    public const int FileNameMaxLength = 200;

    private GeneratedDocument()
    {
    }

    internal GeneratedDocument(string kind, string ownerKey, int? waveId, int? townId)
    {
        Kind = kind;
        OwnerKey = ownerKey;
        WaveId = waveId;
        TownId = townId;
    }

    public long Id { get; private set; }
    public string Kind { get; private set; } = string.Empty;

    /// <summary>Who it belongs to, unique with <see cref="Kind"/>, e.g. "wave:3:town:12".</summary>
    public string OwnerKey { get; private set; } = string.Empty;

    /// <summary>Kept as columns so coordinators' downloads can be filtered by their towns.</summary>
    public int? WaveId { get; private set; }
    public int? TownId { get; private set; }
    public string FileName { get; private set; } = string.Empty;
    public string ContentType { get; private set; } = "application/pdf";
    public string Sha256 { get; private set; } = string.Empty;
    public long Length { get; private set; }
    public byte[] Content { get; private set; } = [];
    public DateTime CreatedAtUtc { get; private set; }

    internal bool Replace(string fileName, string contentType, byte[] content, string sha256, DateTime nowUtc)
    {
        if (Sha256 == sha256 && FileName == fileName)
        {
            return false;
        }
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Sha256 = sha256;
        Length = content.LongLength;
        CreatedAtUtc = nowUtc;
        return true;
    }
}
