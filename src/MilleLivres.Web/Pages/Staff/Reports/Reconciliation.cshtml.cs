using MilleLivres.Core.Reporting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Staff.Reports;

/// <summary>
/// The reconciliation (ADR 0840): for the programme and each wave, per age band, target → allocated → shipped →
/// received → handed out with every difference explained; then the stock per band from the ledger.
/// </summary>
public class ReconciliationModel(Reconciliation reconciliation) : PageModel
{
    public Reconciliation.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await reconciliation.ComputeAsync(ct);
}
