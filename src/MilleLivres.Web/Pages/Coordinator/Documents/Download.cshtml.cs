using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Documents;
using MilleLivres.Web.Pages.Staff.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Coordinator.Documents;

/// <summary>A coordinator downloads a document of one of their own towns; any other id is 404, as if it did not exist.</summary>
public class DownloadModel(AppDbContext db, DocumentStore documents) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var allowed = await db.GeneratedDocuments.AsNoTracking()
            .AnyAsync(d => d.Id == id && d.TownId != null
                && db.TownIdsCoordinatedBy(userId).Contains(d.TownId.Value)
                && (d.WaveId == null || db.WaveIdsWithConfirmedAllocation().Contains(d.WaveId.Value)), ct);
        if (!allowed)
        {
            return NotFound();
        }
        var document = await documents.FindAsync(id, ct);
        return document is null ? NotFound() : this.Document(document);
    }
}
