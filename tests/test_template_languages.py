"""Templates as real template languages write them (issue 11, item 3), and the
linear scanner that reads their tags (issue 17, audit section 2).

Each language's legal forms are masked (a placeholder is one word, a control
tag or comment is no text at all) and never reported; TPL001 reports real
breakage with its exact span: a tag that never closes, a block without its
partner, and syntaxes that no one template language reads together.
"""

from __future__ import annotations

import pytest
from test_audit_hangs import FLOOR, SLACK, _seconds, assert_linear, unit_text

from svclint.config import Config
from svclint.documents.html import read_html
from svclint.documents.unit import PLACEHOLDER_MARK as P
from svclint.documents.unit import URL_MARK as U
from svclint.engine import Linter
from svclint.sourcemap import SourceFile


def tpl001(text: str, name: str = "a.txt", lang: str = "en") -> list[tuple[int, int, str, str]]:
    """(line, column, matched text, message) of each TPL001 finding."""
    result = Linter(Config(), lang=lang, kind="email", select=["TPL001"]).lint_text(name, text)
    return [(f.start.line, f.start.column, f.matched, f.message) for f in result.findings]


# ---- masking: each language's forms are placeholders or tags, not words ---------------

@pytest.mark.parametrize(("text", "masked", "names"), [
    pytest.param("Hi {{ x|default({}) }}!", f"Hi {P}!", ["x|default({})"], id="jinja-nested-braces"),
    pytest.param("On {{ d|date('Y') }}.", f"On {P}.", ["d|date('Y')"], id="twig-date-filter"),
    pytest.param("Hi {{- name -}}.", f"Hi {P}.", ["name"], id="jinja-whitespace-control"),
    pytest.param("{% if a %}Yes.{% endif %}", "Yes.", [], id="jinja-block"),
    pytest.param("{# a note #}Hi.", "Hi.", [], id="jinja-comment"),
    pytest.param("{{#if a}}Yes.{{else}}No.{{/if}}", f"Yes.{P}No.", ["else"], id="handlebars-block"),
    pytest.param("{{> footer}}{{! note }}{{!-- a }} note --}}Hi.", "Hi.", [], id="handlebars-partial-comments"),
    pytest.param("Open {{{link}}} now.", f"Open {P} now.", ["link"], id="handlebars-triple-stash"),
    pytest.param("You owe ${{total}}.", f"You owe ${P}.", ["total"], id="dollar-before-placeholder"),
    pytest.param("Hi {{ name | upcase }}, on {{ at | date: '%B %d' }}.", f"Hi {P}, on {P}.",
                 ["name | upcase", "at | date: '%B %d'"], id="liquid-filters"),
    pytest.param("Order {0} on {1,date,long}: {2,number,#.##}.", f"Order {P} on {P}: {P}.", ["0", "1", "2"],
                 id="messageformat"),
    pytest.param("{n, plural, one {# item} other {# items}} left.", f"{P} left.", ["n"], id="icu-plural"),
    pytest.param("Hi %s, order %d, on %1$s at %.2f.", f"Hi {P}, order {P}, on {P} at {P}.", ["", "", "", ""],
                 id="printf"),
    pytest.param("Hi %(name)s, %(total).2f due.", f"Hi {P}, {P} due.", ["name", "total"], id="gettext"),
    pytest.param("Hi <%= @user.name %>.", f"Hi {P}.", ["@user.name"], id="erb"),
    pytest.param("<% if @vip %>Thanks!<% end %>", "Thanks!", [], id="erb-control-tags"),
    # a translation call's sentence is prose; a translation key stays a placeholder
    pytest.param("<%= _('Hi %{name}, welcome.') % { name: @name } %>", f"Hi {P}, welcome.", ["name"],
                 id="erb-gettext-sentence"),
    pytest.param("{{ _('Thanks for your order') }} {{ __(\"Hello :name\") }}", f"Thanks for your order Hello {P}", ["name"],
                 id="jinja-blade-translated-sentences"),
    pytest.param("{% trans 'Thank you' %} {{ n }}.", f"Thank you {P}.", ["n"], id="django-trans-sentence"),
    pytest.param("Estimado {$client_name}: {if $paid}gracias.{else}{$ticket->subject()}{/if}",
                 f"Estimado {P}: gracias.{P}", ["$client_name", "$ticket->subject()"], id="smarty"),
    pytest.param("Inicio: {formatdate date=$StartDate key=reservation_email} {control type=\"Attr\" readonly=true}.",
                 "Inicio:  .", [], id="smarty-plugin-calls"),
    pytest.param("See https://{{ domain }}/about or http://x.org/{{ path }}.", f"See {U}{P}/about or {U}{P}.",
                 ["domain", "path"], id="placeholder-inside-a-url"),
    pytest.param("Subject: { $Ticket->Subject }", f"Subject: {P}", ["$Ticket->Subject"], id="text-template"),
    pytest.param("{{-- @dd($product) {{ route('x') }} --}}Hi {{ $name }}.", f"Hi {P}.", ["$name"],
                 id="blade-comment"),
    pytest.param("Hello {!!$user!!}, ticket {!! $ticket_number !!}.", f"Hello {P}, ticket {P}.",
                 ["$user", "$ticket_number"], id="blade-raw-output"),
    pytest.param("Someone at {$ENV{'REMOTE_ADDR'}} asked on {RT->Config->Get('WebURL')}.", f"Someone at {P} asked on {P}.",
                 ["$ENV{'REMOTE_ADDR'}", "RT->Config->Get('WebURL')"], id="text-template-code"),
    pytest.param("@extends('emails.layout')\n@section('content')\nHola {{ $name }},\n@if($reason)\nMotivo: {{ $reason }}\n"
                 "@endif\n@endsection\n@AppleSupport @if_this @sections",
                 f"\n\nHola {P},\n\nMotivo: {P}\n\n\n@AppleSupport @if_this @sections", ["$name", "$reason"],
                 id="blade-directives-not-handles"),
    pytest.param("Hola :customer_name, tu pedido :order_id sale a las 10:30. ¡Gracias! :D :p",
                 f"Hola {P}, tu pedido {P} sale a las 10:30. ¡Gracias! :D :p", ["customer_name", "order_id"],
                 id="laravel-colon-not-times-or-smileys"),
    pytest.param("Use { -brand-name-vpn } with { $devices } devices.", f"Use {P} with {P} devices.",
                 ["-brand-name-vpn", "$devices"], id="fluent"),
    pytest.param("{{ __('mail.greeting') }}, {{ t('.intro') }}", f"{P}, {P}", ["__('mail.greeting')", "t('.intro')"],
                 id="translation-keys"),
    pytest.param("Hi *|FNAME|*.*|IF:VIP|* Thanks!*|END:IF|*", f"Hi {P}. Thanks!", ["FNAME"], id="merge-tags"),
    pytest.param("Save 20 % de 100, 20%% off, 100%d.", "Save 20 % de 100, 20%% off, 100%d.", [],
                 id="percent-signs-in-prose"),
    pytest.param("[% INCLUDE '_email_top.txt' %]Hello [% report.name -%],\n[% IF x %]Thanks.[% END %] [% loc('See you soon') %]",
                 f"Hello {P},\nThanks. See you soon", ["report.name"], id="template-toolkit"),
    pytest.param("<#-- @ftlvariable name=\"order\" -->Dear ${order.name},<#if late??> sorry.</#if><@layout.footer/>",
                 f"Dear {P}, sorry.", ["order.name"], id="freemarker"),
    pytest.param("<%t Shop.Received 'We received your request.' %> <% if $Name %>{$Name}<% end_if %>",
                 f"We received your request. {P}", ["$Name"], id="silverstripe"),
    pytest.param("Hi <<Client.PreferredName>>, your code is <<Code>>. 2 << 3 >> 1.", f"Hi {P}, your code is {P}. 2 << 3 >> 1.",
                 ["Client.PreferredName", "Code"], id="double-angle-merge-fields"),
    pytest.param("Estimado %%NOMBRE%%, su ticket %%TRACK_ID%% (%x%).", f"Estimado {P}, su ticket {P} ({P}).",
                 ["NOMBRE", "TRACK_ID", "x"], id="percent-signs-around-a-name"),
    pytest.param('Hello ${recipient.name.split(" ")[0]}, ref ${ reference }.', f"Hello {P}, ref {P}.",
                 ['recipient.name.split(" ")[0]', "reference"], id="javascript-template-literal"),
    # a sentence written as literals joined across lines, with an escaped quote, is one sentence
    pytest.param("<%= _('You can ask for ' \\\n  'a review.', x: 1) %> {{ _(\"It doesn\\'t work, {name}.\") }}",
                 f"You can ask for a review. It doesn't work, {P}.", ["name"], id="translated-literals-joined"),
    # a Rails key followed by the sentence it stands for: the sentence is prose, a bare key stays a placeholder
    pytest.param("<%= t :body, \"Your login at %{account} was locked.\", :account => p.name %> <%= t('x', default: 'See you.') %>",
                 f"Your login at {P} was locked. See you.", ["account"], id="rails-key-with-its-wording"),
    pytest.param('{extends file="base.tpl"}{block name="message"}Paid: {$order->id}.{/block}{strip}Bye.{/strip}',
                 f"Paid: {P}.Bye.", ["$order->id"], id="smarty-blocks-closed-by-name"),
    pytest.param("Hi {@FIRST_NAME}, to {dest.split('(')[0].strip()} for {reason.lower()}.", f"Hi {P}, to {P} for {P}.",
                 ["@FIRST_NAME", "dest.split('(')[0].strip()", "reason.lower()"], id="helper-fields-and-f-string-expressions"),
    # a name of a few words that an application fills in; a phrase of prose stays text (TPL003's blank)
    pytest.param("Hi {first name}, see you at {Booking Time} on {show the meeting point}.",
                 f"Hi {P}, see you at {P} on {{show the meeting point}}.", ["first name", "Booking Time"],
                 id="names-with-spaces"),
    pytest.param("@php\n    $nombre = $datos['nombre'] ?? '¡Hola!';\n@endphp\nHola {{ $nombre }}.\n@php($n = 1)\nAdiós.",
                 f"\nHola {P}.\n\nAdiós.", ["$nombre"], id="blade-php-block"),
])
def test_template_forms_are_masked(text: str, masked: str, names: list[str]) -> None:
    builder = unit_text(text)
    assert builder.text.text == masked
    assert [p.name for p in builder.placeholders.values()] == names


def test_statements_keep_their_source_spans() -> None:
    text = "Hi.\n{% if a %}Yes.{# note #}\n{{/if}}"
    builder = unit_text(text)
    assert [(s.raw, s.src_start, s.src_end) for s in builder.statements] == [
        ("{% if a %}", 4, 14), ("{# note #}", 18, 28), ("{{/if}}", 29, 36)]


# ---- TPL001: legal forms are never reported ------------------------------------------

@pytest.mark.parametrize(("name", "text"), [
    ("a.j2", "Hi {{ first_name|default('there') }}, your settings: {{ settings|default({}) }}.\n"
             "{% if vip %}Delivery is on us.{% elif member %}Delivery is half price.{% else %}Delivery is 4 euros."
             "{% endif %}\n{# FIXME: check prices #}{% set greeting %}Hi{% endset %}{% set total = 0 %}\n"),
    ("a.hbs", "{{! greeting }}Hi {{first_name}},\n{{#each items}}{{this.name}} {{../currency}}{{/each}}\n"
              "{{#if url}}{{{url}}}{{else}}Soon.{{/if}}\n{{> footer}}\n"),
    ("a.txt", "{% comment %}After checkout.{% endcomment %}{% capture n %}{{ customer.first_name }}{% endcapture %}"
              "Hi {{ n | capitalize }}, on {{ order.created_at | date: '%B %d' }}.\n"),
    ("a.txt", "Your order {0} ships on {1,date,long}; total {2,number,currency}. Hi {name}.\n"),
    ("a.txt", "Hi %(first_name)s, your order %s ships on %2$s.\n"),
    ("a.txt", "Hi <%= @customer.name %>, <% if @vip %>thanks!<% end %>\n"),
    ("a.txt", "Hi *|FNAME|*, *|IF:COUPON|*use *|COUPON|*.*|ELSE:|*thanks.*|END:IF|*\n"),
    ("a.html", "<style>p { color: #333 }</style><script>var o = {\"a\": {\"b\": 1}};</script>"
               "<p>Hi {{ first_name }}, thanks.</p>\n"),
    ("a.txt", "{% trans 'Thanks' %} {{ first_name }}.\n"),
    # an HTML mail in a template file that names no inner format: its <style> is not text
    ("welcome.hbs", ("<html><head><style>h1 { margin: 0; }\n hr { display: block; }</style></head>\n"
                     "<body><p>Dear {{user.fullname}},</p><p>Welcome.</p></body></html>\n")),
    ("a.html", "@extends('layouts.email')\n@section('message')\n{{-- @dd($product) --}}\n<p>Hi {{ $name }}, "
               "{!! $link !!}</p>\n@if($x)<p>Thanks.</p>@endif\n@endsection\n"),
    ("a.html", "<p>{ -brand-name-mozilla } keeps no logs. See { $url } and { -brand-name-vpn }.</p>\n"),
    ("a.html", "<p>Estimado {$client_name},</p><p>{if $invoice}Factura {$invoice.num}.{/if}</p>\n"),
    ("a.j2", "{% blocktrans %}About {{ site }}:{% endblocktrans %} https://{{ domain }}{% url 'about' %}\n\n"
             "Visit https://{{ domain }}/about.\n"),
    ("a.html", "<p>Hi <%= d 'user.firstname' %>,</p><p>Your <%= c 'product_name' %> password was changed.</p>\n"),
    ("a.txt", "<%= _('Hello %{name},') % { name: sanitize_name(@user.name) } %>\n<%- if @tokens.empty? -%>\nNone.\n"
              "<%- end -%>\n"),
    # a dollar sign before a str.format field, beside the other fields of the same call
    ("a.txt", "Transfer of ${amount} from account {account_from} to {recipient} is done.\n"),
    ("a.txt", "<#-- note -->Dear ${order.name},<#if late??> sorry.</#if>\n"),
    ("a.html", '<%@ Page Language="C#" Inherits="System.Web.Mvc.ViewPage<dynamic>" %><%-- <p>old</p> --%><p>Hi.</p>\n'),
    ("a.html", "<p><%t Shop.Received 'We received your request.' %></p><p>{$fieldLabel('Name')}: {$FirstName}</p>\n"),
    # GitBook's embed by a named attribute stands alone (Twig's embed of a template takes an end)
    ("a.md", 'Close the ticket.\n\n{% embed url="https://videos.example.com/a%20b.mp4" %}\n'),
    # a sender's merge field beside the Rails interpolation of the same string
    ("a.txt", "Hi <<Client.PreferredName>>, your %{year} return is ready.\n"),
])
def test_one_languages_forms_are_not_reported(name: str, text: str) -> None:
    assert tpl001(text, name) == []


def test_markdown_keeps_a_template_tag_whole() -> None:
    """A filter's pipe inside "{{ … }}" is no table cell border, in a table or out of one."""
    text = "Dear {{ user.name|site_escape }},\n\n| Total | {{ total|money }} |\n|---|---|\n\nTotal: {{ total }.\n"
    assert tpl001(text, "a.md") == [(6, 8, "{{ total }", BROKEN.format("{{ total }"))]


# ---- TPL001: real breakage, with exact spans -------------------------------------------

BLOCK = '"{}" opens or closes a template block that has no partner.'
BROKEN = '"{}" is a malformed or unclosed template placeholder.'


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Hi {{ first_name, thanks.", [(1, 4, "{{ first_name", BROKEN)], id="unclosed-double"),
    pytest.param("Total: {{ total | money }.", [(1, 8, "{{ total", BROKEN), (1, 25, "}", BROKEN)],
                 id="closed-with-one-brace"),
    pytest.param("Hi.\n{# agents: check the date\nThanks.", [(2, 1, "{# agents", BROKEN)], id="unclosed-comment"),
    pytest.param("Hi <%= @user.name, thanks.", [(1, 4, "<%= @user.name", BROKEN)], id="unclosed-erb"),
    pytest.param("Hi *|FNAME|, thanks.", [(1, 4, "*|FNAME|", BROKEN)], id="unclosed-merge-tag"),
    pytest.param("Paid on {1,date,long.", [(1, 9, "{1", BROKEN)], id="unclosed-messageformat"),
    pytest.param("{% if a %}Yes.\n{% endfor %}", [(2, 1, "{% endfor %}", BLOCK)], id="wrong-end"),
    pytest.param("{% if a %}{% for x in y %}Yes.{% endif %}", [(1, 11, "{% for x in y %}", BLOCK)],
                 id="inner-block-left-open"),
    pytest.param("{{#each items}}x\n{{/if}}", [(2, 1, "{{/if}}", BLOCK)], id="handlebars-wrong-end"),
    pytest.param("{{#list people}}x", [(1, 1, "{{#list people}}", BLOCK)], id="handlebars-custom-block-open"),
    pytest.param("*|IF:VIP|*Thanks.", [(1, 1, "*|IF:VIP|*", BLOCK)], id="merge-tag-if-open"),
    pytest.param("{% embed 'layout.twig' %}Hi {{ name }}.", [(1, 1, "{% embed 'layout.twig' %}", BLOCK)], id="twig-embed-open"),
])
def test_breakage_is_reported_with_its_span(text: str, expected: list) -> None:
    assert tpl001(text) == [(line, column, matched, message.format(matched))
                            for line, column, matched, message in expected]


MIXED = '"{}" is in another template syntax than "{}": one of them will reach the customer as written.'


@pytest.mark.parametrize(("text", "column", "matched", "first"), [
    ("Hi {{ name }}, we refunded {0}.", 28, "{0}", "{{ name }}"),
    ("Hi %s, your order {{ order }} shipped.", 19, "{{ order }}", "%s"),
    ("Hi %(name)s, booking {ref} is confirmed.", 22, "{ref}", "%(name)s"),
    ("{% if gift %}{{#if note}}{{note}}{{/if}}{% endif %}", 14, "{{#if note}}", "{% if gift %}"),
    ("Hi {{ name }}, your order <%= order %> shipped.", 27, "<%= order %>", "{{ name }}"),
])
def test_syntaxes_of_two_languages_are_a_mix(text: str, column: int, matched: str, first: str) -> None:
    assert tpl001(text) == [(1, column, matched, MIXED.format(matched, first))]


def test_mixing_is_reported_in_spanish() -> None:
    assert tpl001("Hola, {{ nombre }}: le devolvemos {0}.", lang="es") == [
        (1, 35, "{0}", "«{0}» es de otra sintaxis de plantilla que «{{ nombre }}»: "
                       "una de las dos llegará tal cual al cliente.")]


# ---- the scanner is linear -----------------------------------------------------------

@pytest.mark.parametrize("make", [
    pytest.param(lambda n: "Hola.\n{#" + "x" * n, id="unclosed-comment"),
    pytest.param(lambda n: "{{" * n, id="nested-double-braces"),
    pytest.param(lambda n: "{%" * n + "%}", id="statement-openers"),
    pytest.param(lambda n: "{# #" * n, id="comment-openers-with-hashes"),
    pytest.param(lambda n: "{{ a " + "{ " * n, id="expression-with-open-braces"),
    pytest.param(lambda n: "{{ x }" * n, id="expressions-closed-with-one-brace"),
    pytest.param(lambda n: "{{!--" * n, id="handlebars-comment-openers"),
    pytest.param(lambda n: "{0," + "{a}" * n, id="unclosed-messageformat"),
    pytest.param(lambda n: "<%" * n + "%>", id="erb-openers-before-one-closer"),
    pytest.param(lambda n: "<?php " * n + "?>", id="php-openers-before-one-closer"),
])
def test_template_scanning_is_linear(make) -> None:
    assert_linear(unit_text, make, 2000)


@pytest.mark.parametrize("make", [
    pytest.param(lambda n: "Hi.\n{#" + "a " * (n // 2), id="audit-unclosed-comment"),
    pytest.param(lambda n: "{{" * (n // 2), id="audit-nested-double-braces"),
])
def test_the_audit_inputs_cost_what_their_size_does(make) -> None:
    """1.5 MB costs at most about a thousand times what 1.5 KB costs (a quadratic
    scan would cost a million times): well under a second on any machine that
    reads 1.5 KB in a millisecond."""
    small, big = make(1500), make(1_500_000)
    unit_text(small)
    limit = SLACK * 1000 * max(_seconds(lambda: unit_text(small)), FLOOR)
    assert _seconds(lambda: unit_text(big), enough=limit) < limit


def test_a_blade_php_block_read_line_by_line_is_code_not_prose() -> None:
    """A file reader gives the unit its lines one by one: the block is held to its "@endphp",
    so "['nombre']" is no bracketed blank (TPL003) and the greeting after it is prose."""
    text = ("@php\n    $nombre = $datos['nombre'] ?? '¡Hola!';\n    $email = $datos['email'] ?? null;\n@endphp\n"
            "Hola {{ $nombre }}, gracias por escribirnos.\n")
    result = Linter(Config(), lang="es", kind="email", select=["TPL001", "TPL003"]).lint_text("a.j2", text)
    assert result.findings == ()
    broken = "@php\n    $x = $d['nombre'];\nHola {{ $x }}, gracias.\n"  # no "@endphp": the lines stay prose
    result = Linter(Config(), lang="es", kind="email", select=["TPL003"]).lint_text("a.j2", broken)
    assert [f.matched for f in result.findings] == ["['nombre']"]


def test_a_blade_directive_whose_arguments_run_over_lines_is_code() -> None:
    """An @include whose array of arguments spans lines is one directive: no word of it is prose."""
    text = ("@include('mail.heading', [\n    'heading' => 'Dex Trader',\n    'level' => 'h1',\n])\n"
            "Hi {{ $user->name }},\nYour refund is on its way.\n")
    prose = unit_text(text).text.text
    assert "heading" not in prose and "Dex" not in prose
    assert "Your refund is on its way." in prose


def test_php_tags_in_html_are_template_syntax() -> None:
    """"<?php … ?>" holds "=>" and "->", at which an HTML parser ends a processing instruction: the
    tags are read whole, "echo" ones as values written, the others as statements; "<?xml ?>" is dropped."""
    text = ("<?php include_partial('header', array('title' => $title)) ?>\n<p>Hola <?php echo $usuario->getNombre(); ?>"
            ", gracias.</p>\n<?php if ($vip): ?><p>Tu pedido #<?= $pedido->id ?> sale hoy.</p><?php endif; ?><?xml v?>")
    unit = read_html(SourceFile("a.html", text)).units[0]
    assert unit.text.text.split() == ["Hola", P + ",", "gracias.", "Tu", "pedido", "#" + P, "sale", "hoy."]
    assert [placeholder.family for placeholder in unit.placeholders.values()] == ["php", "php"]
    assert [statement.raw for statement in unit.statements] == [
        "<?php include_partial('header', array('title' => $title)) ?>", "<?php if ($vip): ?>", "<?php endif; ?>"]
    assert tpl001(text, "a.html") == []


def test_markup_printed_by_a_blade_echo_stays_in_the_echo() -> None:
    """A Blade echo's string literals may hold the markup it prints ("{!! $x ? ' ext <b>' . $x . '</b>' : '' !!}"):
    the echo is one value written, no broken braces and no "!!" left in the prose."""
    text = ("<p>Teléfono: <b>{{ $nodo->telefono }}</b>{!! isset($ext) ? ' ext <b>' . $ext . '</b>' : '' !!}.</p>\n"
            "<p>{{ $a < $b ? '<i>pronto</i>' : 'hoy' }} llega su pedido.</p>\n")
    unit = read_html(SourceFile("a.html", text)).units[0]
    assert unit.text.text.split() == ["Teléfono:", P + P + ".", P, "llega", "su", "pedido."]
    assert tpl001(text, "a.html") == []


def test_only_markup_openers_are_hidden_in_echoes_and_placeholders_keep_their_source() -> None:
    """A Handlebars partial ("{{> header}}") stays a statement and an expression keeps its ">"; a
    placeholder whose markup was hidden for the parser is quoted as the file writes it."""
    text = "<p>{{> header}}Hi {{name}}, {{ a > b }} {!! '<b>' . $x . '</b>' !!}</p>"
    unit = read_html(SourceFile("a.html", text)).units[0]
    assert [statement.raw for statement in unit.statements] == ["{{> header}}"]
    assert [placeholder.raw for placeholder in unit.placeholders.values()] == [
        "{{name}}", "{{ a > b }}", "{!! '<b>' . $x . '</b>' !!}"]


def test_markup_in_a_template_literal_expression_stays_in_the_placeholder() -> None:
    text = "<p>Hello ${data.name},</p>\n<div>${data.text.replace(/\\n/g, '<br>')}</div>\n<p>Thanks for writing.</p>\n"
    unit = read_html(SourceFile("a.html", text)).units[0]
    assert unit.text.text.split() == ["Hello", P + ",", P, "Thanks", "for", "writing."]
    assert tpl001(text, "a.html") == []


def test_a_template_comment_around_markup_is_one_comment() -> None:
    """The template engine drops "{{-- … --}}" before any HTML is read, tags inside and all:
    no broken braces are reported, the text around it is read, and a finding on the
    comment quotes it as written."""
    text = ("<p>Hi {{ $name }},</p>\n{{-- <a href=\"{{ route('shop') }}\">Shop</a> --}}\n<p>Thanks.</p>\n"
            "{{#if vip}}<p>Yes.</p>{{/if}}\n")
    assert tpl001(text, "a.html") == [(4, 1, "{{#if vip}}", MIXED.format("{{#if vip}}", "{{ $name }}"))]
    assert unit_text_of_html("<p>Hi,</p>{# <p>old</p> #}<p>Thanks.</p>") == "Hi,\n\n\n\nThanks.\n\n"
    assert tpl001("<p>Hi {{ name }}.</p>{# <p>old</p> #}", "a.html") == []


def unit_text_of_html(text: str) -> str:
    return read_html(SourceFile("a.html", text)).units[0].text.text


@pytest.mark.parametrize(("text", "slot"), [
    ("> **{Short explanation of policy or event, in plain English}**\n",
     "{Short explanation of policy or event, in plain English}"),
    ("If you need help, check out {{the community forum and/or documentation}}.\n",
     "{{the community forum and/or documentation}}"),
    ("Hola, {nombre y apellidos del cliente}: gracias por escribirnos.\n", "{nombre y apellidos del cliente}"),
])
def test_a_phrase_of_prose_left_in_braces_is_a_drafting_leftover(text: str, slot: str) -> None:
    """Braces around prose are a blank for the writer (TPL003), not a broken tag (TPL001),
    and they make no template of the text (TPL004)."""
    result = Linter(Config(), lang="en", kind="email", select=["TPL001", "TPL003", "TPL004"]).lint_text("a.md", text)
    assert [(f.code, f.matched) for f in result.findings] == [("TPL003", slot)]


@pytest.mark.parametrize("text", [
    "Hi {{ first_name or last_name and title }}, thanks.",  # an expression: its words are names
    "Hi {{ 'our team and the rest of us' }}, thanks.",  # a string the template writes
    "Hi {{ name if name in the list else 'there' }}, thanks.",  # Python's conditional expression
    "Hi {{format-date created_at format the-day}}, thanks.",  # a Handlebars helper's arguments
])
def test_expressions_with_words_are_not_prose_slots(text: str) -> None:
    result = Linter(Config(), lang="en", kind="email", select=["TPL001", "TPL003"]).lint_text("a.txt", text)
    assert result.findings == ()


def test_an_erb_tag_read_line_by_line_is_held_to_its_closer() -> None:
    """Rails mails often spread one "<%= _('…' \\ '…') %>" over several lines: the reader adds the
    lines one by one, and the tag is held until its "%>", so its sentence is prose, not a broken
    tag (TPL001). A tag that never closes is still reported."""
    text = ("<%= _('They have not replied to your {{law}} request, ' \\\n"
            "      'as the law requires.',\n      law: @request.law) %>.\n\n-- <%= @team %>\n")
    result = Linter(Config(), lang="en", kind="text", select=["TPL001"]).lint_text("a.erb", text)
    assert result.findings == ()
    builder = unit_text("")
    for line in text.splitlines(keepends=True):
        builder.add(line, text.index(line))
    assert builder.text.text == f"They have not replied to your {P} request, as the law requires..\n\n-- {P}\n"
    assert tpl001("Hi <%= _('Hello ' \\\n 'there') \nBye.\n", "a.erb") == [
        (1, 4, "<%= _", "\"<%= _\" is a malformed or unclosed template placeholder.")]
