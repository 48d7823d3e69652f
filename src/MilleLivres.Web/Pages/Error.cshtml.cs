using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public (string Title, string Text) Message => Code switch
    {
        400 => ("Requête invalide", "La demande n'a pas pu être comprise. Revenez à la page précédente et réessayez."),
        403 => ("Accès refusé", "Votre compte n'a pas accès à cette page."),
        404 => ("Page introuvable", "Cette page n'existe pas, ou vous n'y avez pas accès."),
        413 => ("Envoi trop volumineux", "Les données envoyées dépassent la taille autorisée."),
        429 => ("Trop de demandes", "Vous avez fait trop de demandes en peu de temps. Réessayez dans quelques minutes."),
        _ => ("Une erreur est survenue", "L'équipe a été prévenue par le journal de l'application. Réessayez dans un instant."),
    };

    public void OnGet(int? code) => Code = code ?? 500;

    /// <summary>
    /// A re-executed POST (a refused form): the code comes from the route only, so the refused body (too large, say)
    /// is never read to bind it.
    /// </summary>
    public void OnPost() => Code = int.TryParse(RouteData.Values["code"]?.ToString(), out var code) ? code : 500;
}
