using MilleLivres.Core.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Staff.Documents;

/// <summary>Staff download any generated document (packing slips…). GET /Staff/Documents/Download/{id}.</summary>
public class DownloadModel(DocumentStore documents) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var document = await documents.FindAsync(id, ct);
        return document is null ? NotFound() : this.Document(document);
    }
}

public static class DocumentResults
{
    /// <summary>The bytes as an attachment; the SHA-256 doubles as the ETag, so a browser re-downloads only what changed.</summary>
    public static FileContentResult Document(this PageModel page, DocumentStore.Download document)
    {
        page.Response.Headers["X-Content-SHA256"] = document.Sha256;
        return new FileContentResult(document.Content, document.ContentType)
        {
            FileDownloadName = document.FileName,
            EntityTag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{document.Sha256}\""),
        };
    }
}
