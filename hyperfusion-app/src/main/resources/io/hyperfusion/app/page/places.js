// Places offered by name (the page works offline, so no map or geocoder): large cities with the coordinates of
// their centre. Anything else goes in as coordinates or from the browser's location.

export const CITIES = [
  ['Amsterdam', 52.3676, 4.9041], ['Athens', 37.9838, 23.7275], ['Auckland', -36.8485, 174.7633],
  ['Bangkok', 13.7563, 100.5018], ['Barcelona', 41.3874, 2.1686], ['Beijing', 39.9042, 116.4074],
  ['Berlin', 52.52, 13.405], ['Bogotá', 4.711, -74.0721], ['Boston', 42.3601, -71.0589],
  ['Brussels', 50.8503, 4.3517], ['Buenos Aires', -34.6037, -58.3816], ['Cairo', 30.0444, 31.2357],
  ['Cape Town', -33.9249, 18.4241], ['Chicago', 41.8781, -87.6298], ['Copenhagen', 55.6761, 12.5683],
  ['Delhi', 28.7041, 77.1025], ['Dubai', 25.2048, 55.2708], ['Dublin', 53.3498, -6.2603],
  ['Edinburgh', 55.9533, -3.1883], ['Hamburg', 53.5511, 9.9937], ['Helsinki', 60.1699, 24.9384],
  ['Hong Kong', 22.3193, 114.1694], ['Istanbul', 41.0082, 28.9784], ['Jakarta', -6.2088, 106.8456],
  ['Johannesburg', -26.2041, 28.0473], ['Kyiv', 50.4501, 30.5234], ['Lagos', 6.5244, 3.3792],
  ['Lisbon', 38.7223, -9.1393], ['London', 51.5072, -0.1276], ['Los Angeles', 34.0522, -118.2437],
  ['Madrid', 40.4168, -3.7038], ['Manchester', 53.4808, -2.2426], ['Melbourne', -37.8136, 144.9631],
  ['Mexico City', 19.4326, -99.1332], ['Miami', 25.7617, -80.1918], ['Milan', 45.4642, 9.19],
  ['Montréal', 45.5019, -73.5674], ['Moscow', 55.7558, 37.6173], ['Mumbai', 19.076, 72.8777],
  ['Munich', 48.1351, 11.582], ['Nairobi', -1.2921, 36.8219], ['New York', 40.7128, -74.006],
  ['Osaka', 34.6937, 135.5023], ['Oslo', 59.9139, 10.7522], ['Paris', 48.8566, 2.3522],
  ['Prague', 50.0755, 14.4378], ['Rio de Janeiro', -22.9068, -43.1729], ['Rome', 41.9028, 12.4964],
  ['San Francisco', 37.7749, -122.4194], ['São Paulo', -23.5558, -46.6396], ['Seattle', 47.6062, -122.3321],
  ['Seoul', 37.5665, 126.978], ['Shanghai', 31.2304, 121.4737], ['Singapore', 1.3521, 103.8198],
  ['Stockholm', 59.3293, 18.0686], ['Sydney', -33.8688, 151.2093], ['Taipei', 25.033, 121.5654],
  ['Tokyo', 35.6762, 139.6503], ['Toronto', 43.6532, -79.3832], ['Vancouver', 49.2827, -123.1207],
  ['Vienna', 48.2082, 16.3738], ['Warsaw', 52.2297, 21.0122], ['Washington', 38.9072, -77.0369],
  ['Zürich', 47.3769, 8.5417],
];

/** The city of this exact name (ignoring case), or null. */
export function city(name) {
  const n = name.trim().toLowerCase();
  const c = CITIES.find(([k]) => k.toLowerCase() === n);
  return c ? { name: c[0], latitude: c[1], longitude: c[2] } : null;
}
