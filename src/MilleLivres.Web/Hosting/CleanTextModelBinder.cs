using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// Every text a form posts is stripped of control characters before a page sees it (tab and line breaks stay:
/// <see cref="TextInput"/>). One binder for every string property, so no form can forget; passwords are left as typed.
/// </summary>
public sealed class CleanTextModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        if (context.Metadata.ModelType != typeof(string) || context.Metadata.DataTypeName == nameof(System.ComponentModel.DataAnnotations.DataType.Password))
        {
            return null;
        }
        var loggers = context.Services.GetRequiredService<ILoggerFactory>();
        return new CleanTextModelBinder(new SimpleTypeModelBinder(typeof(string), loggers));
    }

    private sealed class CleanTextModelBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result.IsModelSet && bindingContext.Result.Model is string text)
            {
                var clean = TextInput.Clean(text);
                if (!ReferenceEquals(clean, text))
                {
                    bindingContext.Result = ModelBindingResult.Success(clean);
                }
            }
        }
    }
}
