import sharp from 'sharp'

export type DemoImage = { alt: { de: string; en: string }; colors: [string, string]; key: string; title: string }

export const DEMO_IMAGES: DemoImage[] = [
  {
    alt: { de: 'Rechnung auf einem Tablet', en: 'Invoice on a tablet' },
    colors: ['#0f4c81', '#3aa6b9'],
    key: 'e-rechnung',
    title: 'E-Rechnung',
  },
  {
    alt: { de: 'Lohnzettel und Taschenrechner', en: 'Payslip and calculator' },
    colors: ['#5b2a86', '#c86fc9'],
    key: 'lohn',
    title: 'Lohn',
  },
  {
    alt: { de: 'Wolken über einem Rechenzentrum', en: 'Clouds over a data centre' },
    colors: ['#1b4332', '#52b788'],
    key: 'cloud',
    title: 'Cloud',
  },
  {
    alt: { de: 'Das Kontorwerk-Team im Büro', en: 'The Kontorwerk team in the office' },
    colors: ['#7f4f24', '#e09f3e'],
    key: 'team',
    title: 'Kontorwerk',
  },
]

/** A 1600×800 banner, generated so the demo ships no binary assets. */
export async function renderDemoImage(image: DemoImage): Promise<Buffer> {
  const [from, to] = image.colors
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="800">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
    <rect width="1600" height="800" fill="url(#g)"/>
    <circle cx="1320" cy="180" r="260" fill="#ffffff" fill-opacity="0.12"/>
    <text x="120" y="470" font-family="DejaVu Sans, Arial, sans-serif" font-size="150" font-weight="700" fill="#ffffff">${image.title}</text>
  </svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer()
}
