package org.confero.zone.ranking;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Continent and approximate centroid of each ISO 3166-1 alpha-2 country, for Geo-IP databases that give the country
 * alone (the default one does) and for zones whose admins only name a country.
 *
 * <p>
 * Source: approximate centroids, compiled by hand for Confero from public atlas figures and rounded to about 0.1°; good
 * to a few hundred kilometres, which is all that ranking by distance between countries needs. The geographic centre of
 * a few very large countries lies far from nearly all of their users, so for RU, US, CA, AU, CN and BR the point is a
 * rough centre of population instead. Continents follow the GeoNames convention that MaxMind databases use (RU, CY in
 * EU; TR, AM, AZ, GE in AS). The registry pseudo-codes EU and AP have a continent but no point.
 */
final class CountryCentroids {

    // code continent latitude longitude
    private static final String TABLE = """
            AD EU 42.5 1.6
            AE AS 23.4 53.8
            AF AS 33.9 67.7
            AG NA 17.1 -61.8
            AI NA 18.2 -63.1
            AL EU 41.2 20.2
            AM AS 40.1 45.0
            AO AF -12.3 17.5
            AP AS
            AQ AN -82.9 135.0
            AR SA -38.4 -63.6
            AS OC -14.3 -170.7
            AT EU 47.5 14.6
            AU OC -32.0 145.0
            AW NA 12.5 -70.0
            AX EU 60.2 20.0
            AZ AS 40.1 47.6
            BA EU 43.9 17.7
            BB NA 13.2 -59.5
            BD AS 23.7 90.4
            BE EU 50.5 4.5
            BF AF 12.2 -1.6
            BG EU 42.7 25.5
            BH AS 26.0 50.6
            BI AF -3.4 29.9
            BJ AF 9.3 2.3
            BL NA 17.9 -62.8
            BM NA 32.3 -64.8
            BN AS 4.5 114.7
            BO SA -16.3 -63.6
            BQ NA 12.2 -68.3
            BR SA -18.0 -46.0
            BS NA 25.0 -77.4
            BT AS 27.5 90.4
            BV AN -54.4 3.4
            BW AF -22.3 24.7
            BY EU 53.7 28.0
            BZ NA 17.2 -88.5
            CA NA 47.0 -84.0
            CC AS -12.2 96.9
            CD AF -2.9 23.7
            CF AF 6.6 20.9
            CG AF -0.7 15.2
            CH EU 46.8 8.2
            CI AF 7.6 -5.5
            CK OC -21.2 -159.8
            CL SA -35.7 -71.5
            CM AF 5.7 12.7
            CN AS 32.0 112.0
            CO SA 4.6 -74.3
            CR NA 9.7 -83.8
            CU NA 21.5 -78.0
            CV AF 16.0 -24.0
            CW NA 12.2 -69.0
            CX AS -10.5 105.7
            CY EU 35.1 33.4
            CZ EU 49.8 15.5
            DE EU 51.2 10.5
            DJ AF 11.8 42.6
            DK EU 56.3 9.5
            DM NA 15.4 -61.4
            DO NA 18.7 -70.2
            DZ AF 28.0 2.6
            EC SA -1.8 -78.2
            EE EU 58.6 25.0
            EG AF 26.7 30.8
            EH AF 24.6 -13.1
            ER AF 15.2 39.8
            ES EU 40.5 -3.7
            ET AF 8.6 39.6
            EU EU
            FI EU 61.9 25.7
            FJ OC -17.7 178.1
            FK SA -51.8 -59.5
            FM OC 7.4 150.6
            FO EU 61.9 -6.9
            FR EU 46.2 2.2
            GA AF -0.6 11.8
            GB EU 54.0 -2.5
            GD NA 12.1 -61.7
            GE AS 42.3 43.4
            GF SA 3.9 -53.1
            GG EU 49.5 -2.6
            GH AF 7.9 -1.0
            GI EU 36.1 -5.4
            GL NA 71.7 -42.6
            GM AF 13.4 -15.4
            GN AF 10.4 -10.9
            GP NA 16.3 -61.6
            GQ AF 1.6 10.3
            GR EU 39.1 21.8
            GS AN -54.4 -36.6
            GT NA 15.8 -90.2
            GU OC 13.4 144.8
            GW AF 12.0 -15.0
            GY SA 4.9 -58.9
            HK AS 22.3 114.2
            HM AN -53.1 73.5
            HN NA 15.2 -86.2
            HR EU 45.1 15.2
            HT NA 19.0 -72.3
            HU EU 47.2 19.5
            ID AS -2.5 118.0
            IE EU 53.4 -8.2
            IL AS 31.4 35.0
            IM EU 54.2 -4.5
            IN AS 22.0 79.0
            IO AS -6.3 71.9
            IQ AS 33.2 43.7
            IR AS 32.4 53.7
            IS EU 65.0 -19.0
            IT EU 41.9 12.6
            JE EU 49.2 -2.1
            JM NA 18.1 -77.3
            JO AS 31.2 36.5
            JP AS 36.2 138.3
            KE AF 0.5 37.9
            KG AS 41.2 74.8
            KH AS 12.6 104.9
            KI OC 1.4 173.0
            KM AF -11.9 43.9
            KN NA 17.4 -62.8
            KP AS 40.3 127.5
            KR AS 35.9 127.8
            KW AS 29.3 47.5
            KY NA 19.3 -81.3
            KZ AS 48.0 66.9
            LA AS 19.9 102.5
            LB AS 33.9 35.9
            LC NA 13.9 -61.0
            LI EU 47.2 9.6
            LK AS 7.9 80.8
            LR AF 6.4 -9.4
            LS AF -29.6 28.2
            LT EU 55.2 23.9
            LU EU 49.8 6.1
            LV EU 56.9 24.6
            LY AF 26.3 17.2
            MA AF 31.8 -7.1
            MC EU 43.7 7.4
            MD EU 47.4 28.4
            ME EU 42.7 19.4
            MF NA 18.1 -63.1
            MG AF -19.4 46.7
            MH OC 7.1 171.2
            MK EU 41.6 21.7
            ML AF 17.6 -4.0
            MM AS 21.9 96.0
            MN AS 46.9 103.8
            MO AS 22.2 113.5
            MP OC 15.1 145.7
            MQ NA 14.6 -61.0
            MR AF 20.3 -10.3
            MS NA 16.7 -62.2
            MT EU 35.9 14.4
            MU AF -20.3 57.6
            MV AS 3.2 73.2
            MW AF -13.2 34.3
            MX NA 23.6 -102.6
            MY AS 4.2 102.0
            MZ AF -17.3 35.5
            NA AF -22.1 17.2
            NC OC -20.9 165.6
            NE AF 17.4 9.4
            NF OC -29.0 168.0
            NG AF 9.6 8.1
            NI NA 12.9 -85.2
            NL EU 52.1 5.3
            NO EU 60.5 8.5
            NP AS 28.4 84.1
            NR OC -0.5 166.9
            NU OC -19.1 -169.9
            NZ OC -40.9 174.9
            OM AS 21.5 55.9
            PA NA 8.5 -80.8
            PE SA -9.2 -75.0
            PF OC -17.7 -149.4
            PG OC -6.3 144.0
            PH AS 12.9 121.8
            PK AS 30.4 69.3
            PL EU 51.9 19.1
            PM NA 46.9 -56.3
            PN OC -24.7 -127.4
            PR NA 18.2 -66.6
            PS AS 31.9 35.2
            PT EU 39.4 -8.2
            PW OC 7.5 134.6
            PY SA -23.4 -58.4
            QA AS 25.4 51.2
            RE AF -21.1 55.5
            RO EU 45.9 25.0
            RS EU 44.0 21.0
            RU EU 56.0 44.0
            RW AF -2.0 29.9
            SA AS 23.9 45.1
            SB OC -9.6 160.2
            SC AF -4.7 55.5
            SD AF 15.9 30.2
            SE EU 60.1 18.6
            SG AS 1.4 103.8
            SH AF -15.9 -5.7
            SI EU 46.2 15.0
            SJ EU 77.6 23.7
            SK EU 48.7 19.7
            SL AF 8.6 -11.8
            SM EU 43.9 12.5
            SN AF 14.4 -14.5
            SO AF 6.1 46.2
            SR SA 3.9 -56.0
            SS AF 7.3 30.3
            ST AF 0.4 6.7
            SV NA 13.8 -88.9
            SX NA 18.0 -63.1
            SY AS 34.8 39.0
            SZ AF -26.5 31.5
            TC NA 21.7 -71.8
            TD AF 15.4 18.7
            TF AN -49.3 69.3
            TG AF 8.5 0.9
            TH AS 15.9 101.0
            TJ AS 38.9 71.3
            TK OC -9.0 -171.9
            TL AS -8.9 125.7
            TM AS 39.0 59.6
            TN AF 34.1 9.6
            TO OC -21.2 -175.2
            TR AS 39.0 35.2
            TT NA 10.7 -61.2
            TV OC -7.1 177.6
            TW AS 23.7 121.0
            TZ AF -6.3 34.8
            UA EU 48.4 31.2
            UG AF 1.3 32.4
            UM OC 19.3 166.6
            US NA 37.5 -92.0
            UY SA -32.5 -55.8
            UZ AS 41.4 64.6
            VA EU 41.9 12.5
            VC NA 13.3 -61.2
            VE SA 6.4 -66.6
            VG NA 18.4 -64.6
            VI NA 18.3 -64.9
            VN AS 14.1 108.3
            VU OC -15.4 167.0
            WF OC -13.8 -177.2
            WS OC -13.8 -172.1
            XK EU 42.6 20.9
            YE AS 15.6 48.5
            YT AF -12.8 45.1
            ZA AF -29.0 25.1
            ZM AF -13.5 27.8
            ZW AF -19.0 29.9
            """;

    private static final Map<String, GeoPoint> BY_COUNTRY = parse(TABLE);

    private CountryCentroids() {
    }

    /** The country's table entry (country, continent and, for real countries, a point), if the table has it. */
    static Optional<GeoPoint> lookup(String country) {
        return Optional.ofNullable(BY_COUNTRY.get(country.toUpperCase(Locale.ROOT)));
    }

    static int size() {
        return BY_COUNTRY.size();
    }

    private static Map<String, GeoPoint> parse(String table) {
        Map<String, GeoPoint> entries = new HashMap<>();
        for (String line : table.strip().split("\n")) {
            String[] fields = line.strip().split(" +");
            Coordinates point = fields.length == 4
                    ? new Coordinates(Double.parseDouble(fields[2]), Double.parseDouble(fields[3])) : null;
            if (entries.put(fields[0], GeoPoint.of(fields[0], fields[1], point)) != null) {
                throw new IllegalStateException("country listed twice: " + fields[0]);
            }
        }
        return Map.copyOf(entries);
    }
}
