using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Applications;

public class DetailsModel(AppDbContext db, ApplicationReview review) : PageModel
{

    public TownApplication Application { get; private set; } = null!;
    public IReadOnlyList<(string Band, int Children)> Children { get; private set; } = [];
    public bool OnMemberList { get; private set; }
    public IReadOnlyList<(int Id, DateTime SubmittedAtUtc, ApplicationStatus Status)> OtherApplications { get; private set; } = [];
    public IReadOnlyList<(int Number, string Name, WaveStatus Status)> EarlierWaves { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> PlanningWaves { get; private set; } = [];
    public string? WaveName { get; private set; }
    /// <summary>The coordinator's invitation not used yet, if any: staff may send a new link.</summary>
    public int? OpenInvitationId { get; private set; }

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public sealed class DecisionInput
    {
        /// <summary>"accept", "waitlist" or "decline".</summary>
        public string? Decision { get; set; }
        public int? WaveId { get; set; }
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input.WaveId = await review.DefaultWaveIdAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRenewInvitationAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (OpenInvitationId is not { } invitationId)
        {
            ModelState.AddModelError(string.Empty, "Aucune invitation en attente pour cette candidature.");
            return Page();
        }
        try
        {
            TempData["Success"] = await review.RenewInvitationAsync(invitationId)
                ? "Un nouveau lien d'invitation part par courriel ; l'ancien ne fonctionnera plus."
                : "Un nouveau lien est déjà en cours d'envoi.";
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
            return await PageAgainAsync(id);
        }
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReviewAsync(int id)
    {
        try
        {
            await review.StartReviewAsync(id);
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
            return await PageAgainAsync(id);
        }
        TempData["Success"] = "La candidature est passée en cours d'examen.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDecideAsync(int id)
    {
        ModelState.Clear();
        try
        {
            switch (Input.Decision)
            {
                case "accept":
                    // The invitation link goes by mail only: the mail issues a fresh token when it is built, so a
                    // link shown here would stop working as soon as the mail leaves.
                    await review.AcceptAsync(id, Input.WaveId, Input.Reason);
                    TempData["Success"] = "Candidature retenue : la ville a été ajoutée à la vague ; l'invitation part par courriel vers la personne qui coordonne (voir « Courriels »).";
                    break;
                case "waitlist":
                    await review.WaitlistAsync(id, Input.Reason);
                    TempData["Success"] = "Candidature placée sur liste d'attente.";
                    break;
                case "decline":
                    await review.DeclineAsync(id, Input.Reason);
                    TempData["Success"] = "Candidature non retenue.";
                    break;
                default:
                    ModelState.AddModelError("Input.Decision", "Choisissez une décision.");
                    return await PageAgainAsync(id);
            }
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
            return await PageAgainAsync(id);
        }
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> PageAgainAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id)
    {
        var application = await db.TownApplications.AsNoTracking().Include(a => a.Wave).SingleOrDefaultAsync(a => a.Id == id);
        if (application is null)
        {
            return false;
        }
        Application = application;
        WaveName = application.Wave?.Name;
        OpenInvitationId = await db.CoordinatorInvitations.AsNoTracking()
            .Where(i => i.TownApplicationId == id && i.UsedAtUtc == null).OrderByDescending(i => i.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync();
        Children = (await db.TownApplications.AsNoTracking().Where(a => a.Id == id)
                .SelectMany(a => a.Children)
                .OrderBy(c => c.AgeBand.SortOrder)
                .Select(c => new { c.AgeBand.MinAge, c.AgeBand.MaxAge, c.AgeBand.Name, c.Children })
                .ToListAsync())
            .Select(c => (AgeBand.LabelOf(c.MinAge, c.MaxAge, c.Name), c.Children)).ToList();
        OnMemberList = await db.VilleBanlieueMembers.AnyAsync(m => m.InseeCode == application.InseeCode);
        OtherApplications = (await db.TownApplications.AsNoTracking()
                .Where(a => a.InseeCode == application.InseeCode && a.Id != id)
                .OrderBy(a => a.SubmittedAtUtc)
                .Select(a => new { a.Id, a.SubmittedAtUtc, a.Status }).ToListAsync())
            .Select(a => (a.Id, a.SubmittedAtUtc, a.Status)).ToList();
        // Waves the town is in, other than the one this application put it in.
        EarlierWaves = (await db.WaveTowns.AsNoTracking()
                .Where(wt => wt.Town.InseeCode == application.InseeCode && wt.WaveId != application.WaveId)
                .OrderBy(wt => wt.Wave.Number)
                .Select(wt => new { wt.Wave.Number, wt.Wave.Name, wt.Wave.Status }).ToListAsync())
            .Select(w => (w.Number, w.Name, w.Status)).ToList();
        PlanningWaves = (await db.Waves.AsNoTracking().Where(w => w.Status == WaveStatus.Planning).OrderBy(w => w.Number)
                .Select(w => new { w.Id, w.Name }).ToListAsync())
            .Select(w => (w.Id, w.Name)).ToList();
        return true;
    }
}
