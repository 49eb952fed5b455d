import { type Label, label } from '../../i18n/label'
import { exceededLimit, type LimitKind, PARSE_LIMITS } from './budget'
import { checkTemplate, FORBIDDEN_FILTERS, FORBIDDEN_TAGS, SUBSCRIBER_FIELDS } from './liquid'

const number = (value: number) => ({ de: value.toLocaleString('de-DE'), en: value.toLocaleString('en-US') })

const TOO_COSTLY = label(
  'Die Vorlage ist zu aufwendig: Schleifen, große Bereiche oder wachsender Text (etwa append, capture oder split in Schleifen) überschreiten die Grenzen für Rechenzeit und Speicher.',
  'The template is too costly: loops, large ranges or growing text (e.g. append, capture or split in loops) exceed the limits for computing time and memory.',
)

const LIMIT_PROBLEMS: Record<LimitKind, Label> = {
  markup: label(
    `Die Vorlage enthält zu viel Liquid: höchstens ${number(PARSE_LIMITS.tags).de} Anweisungen mit zusammen ${number(PARSE_LIMITS.markup).de} Zeichen, je Anweisung ${number(PARSE_LIMITS.tagLine).de}.`,
    `The template contains too much Liquid: at most ${number(PARSE_LIMITS.tags).en} tags with ${number(PARSE_LIMITS.markup).en} characters in all, ${number(PARSE_LIMITS.tagLine).en} per tag.`,
  ),
  parse: label(`Die Vorlage ist zu lang: höchstens ${number(PARSE_LIMITS.characters).de} Zeichen.`, `The template is too long: at most ${number(PARSE_LIMITS.characters).en} characters.`),
  render: TOO_COSTLY,
  time: TOO_COSTLY,
}

function forbiddenTag(tag: string): Label {
  return tag === 'raw'
    ? label('Das Tag „raw“ ist nicht erlaubt: Es gibt seinen Inhalt ungeprüft als HTML aus.', 'The tag "raw" is not allowed: it outputs its content as unchecked HTML.')
    : label(`Das Tag „${tag}“ ist nicht erlaubt: Vorlagen können keine Dateien einbinden.`, `The tag "${tag}" is not allowed: templates cannot include files.`)
}

/**
 * Why a template cannot be used, in words an editor understands (German and English), or null
 * when it is fine: syntax errors, unknown variables and filters, forbidden tags and filters, and
 * templates too costly to render are all caught before anything is sent.
 */
export function templateProblem(source: null | string | undefined): Label | null {
  if (!source || !source.includes('{')) return null
  try {
    checkTemplate(source)
    return null
  } catch (error) {
    const limit = exceededLimit(error)
    if (limit) return LIMIT_PROBLEMS[limit]
    const text = (error as Error).message.split('\n')[0]
    const unknown = /undefined variable: (\S+)/.exec(text)
    if (unknown) {
      const name = unknown[1].replace(/,$/, '')
      const allowed = ['salutation', ...SUBSCRIBER_FIELDS.map((field) => `subscriber.${field}`)].join(', ')
      return label(`Unbekannte Variable „${name}“. Erlaubt: ${allowed}`, `Unknown variable "${name}". Allowed: ${allowed}`)
    }
    const filter = /undefined filter: (\S+)/.exec(text)?.[1].replace(/,$/, '')
    if (filter && FORBIDDEN_FILTERS.includes(filter)) return label(`Der Filter „${filter}“ ist nicht erlaubt: Er schaltet das HTML-Escaping ab.`, `The filter "${filter}" is not allowed: it switches off HTML escaping.`)
    if (filter) return label(`Unbekannter Filter „${filter}“`, `Unknown filter "${filter}"`)
    const tag = /tag "([^"]+)" not found/.exec(text)?.[1]
    if (tag && FORBIDDEN_TAGS.includes(tag)) return forbiddenTag(tag)
    return label(`Liquid-Fehler: ${text}`, `Liquid error: ${text}`)
  }
}
